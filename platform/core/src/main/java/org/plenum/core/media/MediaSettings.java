package org.plenum.core.media;

import java.util.Arrays;
import java.util.List;
import org.plenum.core.config.ConfigurationException;
import org.plenum.core.config.Settings;
import org.plenum.media.engine.MediaEngineConfig;

/**
 * Reads the {@code media.*} keys into the engine's configuration; every key and its default is in
 * {@code docs/operations.md}. The defaults come from {@link MediaEngineConfig#defaults()}.
 */
public final class MediaSettings {

    private MediaSettings() {
    }

    /** False when {@code media.enabled=false}: signaling then runs without the {@code media} namespace. */
    public static boolean enabled(Settings settings) {
        return settings.getBoolean("media.enabled", true);
    }

    public static MediaEngineConfig from(Settings settings) {
        MediaEngineConfig d = MediaEngineConfig.defaults();
        List<String> advertised = list(settings.get("media.advertise", String.join(",", d.advertised())));
        MediaEngineConfig.TurnServers turn = null;
        List<String> turnUrls = list(settings.get("media.turn.urls", ""));
        if (!turnUrls.isEmpty()) {
            String secret = settings.find("media.turn.secret").orElseThrow(() -> new ConfigurationException(
                    "media.turn.urls is set, so media.turn.secret (coturn's static-auth-secret) is needed too"));
            turn = new MediaEngineConfig.TurnServers(turnUrls, secret, settings.getDuration("media.turn.ttl", java.time.Duration.ofHours(12)));
        }
        try {
            return new MediaEngineConfig(
                    settings.get("media.bind", d.bindHost()),
                    settings.getInt("media.udp.port", d.udpPort()),
                    settings.getInt("media.tcp.port", d.tcpPort()),
                    advertised,
                    settings.getInt("media.last.n", d.lastN()),
                    settings.getInt("media.publish.bitrate", (int) d.publishBitrateBps()),
                    settings.getDuration("media.ice.timeout", d.iceTimeout()),
                    turn);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
