package org.plenum.media.engine;

import java.time.Duration;
import java.util.List;

/**
 * Everything an operator can set on the engine, with the defaults in one place ({@link #defaults()}).
 *
 * @param bindHost          address the UDP and TCP ports bind to
 * @param udpPort           the one UDP port for all sessions (0 = any free port, for tests)
 * @param tcpPort           the ICE-TCP port; -1 turns ICE-TCP off, 0 = any free port
 * @param advertised        addresses put into candidates; clients connect to these (tests: 127.0.0.1 only)
 * @param lastN             how many participants' video each subscriber gets at most (0 = no limit)
 * @param publishBitrateBps the bandwidth the engine grants each publisher (sent as REMB), so browsers
 *                          enable their upper simulcast layers
 * @param iceTimeout        a transport that has not connected within this time fails
 * @param turn              TURN servers handed to clients, or null
 */
public record MediaEngineConfig(String bindHost, int udpPort, int tcpPort, List<String> advertised, int lastN,
                                long publishBitrateBps, Duration iceTimeout, TurnServers turn) {

    public MediaEngineConfig {
        if (udpPort < 0 || udpPort > 65535 || tcpPort < -1 || tcpPort > 65535) {
            throw new IllegalArgumentException("media ports must be 0..65535 (ICE-TCP: -1 for off)");
        }
        if (advertised == null || advertised.isEmpty()) {
            throw new IllegalArgumentException("media.advertise needs at least one address clients can reach");
        }
        if (lastN < 0) {
            throw new IllegalArgumentException("media.last.n must be 0 (no limit) or more");
        }
        advertised = List.copyOf(advertised);
    }

    /** UDP 10000, ICE-TCP 10001, loopback only, last-N 0, 2.5 Mbit/s per publisher. */
    public static MediaEngineConfig defaults() {
        return new MediaEngineConfig("127.0.0.1", 10000, 10001, List.of("127.0.0.1"), 0, 2_500_000,
                Duration.ofSeconds(30), null);
    }

    public MediaEngineConfig withPorts(int udp, int tcp) {
        return new MediaEngineConfig(bindHost, udp, tcp, advertised, lastN, publishBitrateBps, iceTimeout, turn);
    }

    public MediaEngineConfig withLastN(int n) {
        return new MediaEngineConfig(bindHost, udpPort, tcpPort, advertised, n, publishBitrateBps, iceTimeout, turn);
    }

    /**
     * TURN servers (an operator's coturn with {@code use-auth-secret}); clients get time-limited credentials.
     *
     * @param urls   e.g. {@code turns:turn.example.org:443?transport=tcp}
     * @param secret the shared secret coturn is configured with
     * @param ttl    how long handed-out credentials stay valid
     */
    public record TurnServers(List<String> urls, String secret, Duration ttl) {
        public TurnServers {
            urls = List.copyOf(urls);
            if (urls.isEmpty() || secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("TURN needs at least one URL and the shared secret");
            }
        }
    }
}
