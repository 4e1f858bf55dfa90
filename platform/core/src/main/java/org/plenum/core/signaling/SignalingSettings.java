package org.plenum.core.signaling;

import java.time.Duration;
import org.plenum.core.config.ConfigurationException;
import org.plenum.core.config.Settings;

/**
 * The signaling layer's limits and timings, with their defaults in one place. Every key is documented
 * in {@code docs/operations.md} (section Signaling).
 *
 * @param reconnectGrace       how long a participant whose socket dropped stays in the room, resumable
 * @param joinTimeout          how long a fresh socket may stay open without sending {@code control/join}
 * @param ratePerSecond        sustained inbound frames per second per connection (token bucket refill)
 * @param rateBurst            inbound frames a connection may send at once (token bucket size)
 * @param abuseMaxRejected     rate-limited frames tolerated within {@code abuseWindow} before closing with 1008
 * @param abuseWindow          the window for {@code abuseMaxRejected}
 * @param maxFrameBytes        the largest frame (UTF-8 bytes) the protocol accepts; larger ones get {@code too_large}
 * @param socketMaxBytes       the WebSocket transport limit; above it the transport itself closes (1009)
 * @param outboundMaxFrames    frames queued for one connection before it counts as a slow consumer and is closed
 * @param chatHistorySize      chat messages a room keeps in memory for late joiners (never persisted)
 * @param pluginCallTimeout    how long a room waits for one call into a plugin's module before abandoning it
 * @param pingInterval         how often the server pings each socket so that proxies keep it open
 * @param idleTimeout          a socket that shows no sign of life (frames or pongs) for this long is closed
 */
public record SignalingSettings(Duration reconnectGrace, Duration joinTimeout, int ratePerSecond, int rateBurst,
                                int abuseMaxRejected, Duration abuseWindow, int maxFrameBytes, int socketMaxBytes,
                                int outboundMaxFrames, int chatHistorySize, Duration pingInterval, Duration idleTimeout,
                                Duration pluginCallTimeout) {

    public static SignalingSettings defaults() {
        return from(Settings.of(java.util.Map.of()));
    }

    public static SignalingSettings from(Settings s) {
        SignalingSettings settings = new SignalingSettings(
                s.getDuration("signaling.reconnect.grace", Duration.ofSeconds(30)),
                s.getDuration("signaling.join.timeout", Duration.ofSeconds(10)),
                s.getInt("signaling.rate.per.second", 20),
                s.getInt("signaling.rate.burst", 50),
                s.getInt("signaling.abuse.max.rejected", 100),
                s.getDuration("signaling.abuse.window", Duration.ofSeconds(10)),
                s.getInt("signaling.frame.max.bytes", 64 * 1024),
                s.getInt("signaling.socket.max.bytes", 1024 * 1024),
                s.getInt("signaling.outbound.max.frames", 1000),
                s.getInt("signaling.chat.history.size", 200),
                s.getDuration("signaling.ping.interval", Duration.ofSeconds(25)),
                s.getDuration("signaling.idle.timeout", Duration.ofMinutes(2)),
                s.getDuration("plugins.call.timeout", Duration.ofSeconds(2)));
        settings.check();
        return settings;
    }

    private void check() {
        positive("signaling.reconnect.grace", reconnectGrace);
        positive("signaling.join.timeout", joinTimeout);
        positive("signaling.abuse.window", abuseWindow);
        positive("signaling.ping.interval", pingInterval);
        positive("signaling.idle.timeout", idleTimeout);
        atLeast("signaling.rate.per.second", ratePerSecond, 1);
        atLeast("signaling.rate.burst", rateBurst, 1);
        atLeast("signaling.abuse.max.rejected", abuseMaxRejected, 1);
        atLeast("signaling.frame.max.bytes", maxFrameBytes, 1024);
        atLeast("signaling.outbound.max.frames", outboundMaxFrames, 16);
        atLeast("signaling.chat.history.size", chatHistorySize, 0);
        if (socketMaxBytes <= maxFrameBytes) {
            // the transport must let oversized frames through so that we can answer them with an error frame
            throw new ConfigurationException("signaling.socket.max.bytes (" + socketMaxBytes
                    + ") must be larger than signaling.frame.max.bytes (" + maxFrameBytes + ")");
        }
    }

    private static void positive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new ConfigurationException("configuration key " + key + " (" + Settings.envNameOf(key) + ") must be a positive duration");
        }
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new ConfigurationException("configuration key " + key + " (" + Settings.envNameOf(key) + ") is " + value
                    + " but must be at least " + min);
        }
    }
}
