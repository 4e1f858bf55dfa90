package org.plenum.media.dtls;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one DTLS handshake, with the defaults in {@link #defaults()}.
 *
 * @param handshakeTimeout how long the whole handshake may take before {@code completion()} fails
 *                         (default 10 s; BC retransmits flights within it)
 * @param mtu              the largest datagram we send (default 1200 bytes: fits any path WebRTC uses,
 *                         including TURN over TLS, without IP fragmentation); handshake messages are
 *                         fragmented to fit
 * @param srtpProfiles     SRTP protection profile ids in order of preference (default
 *                         AEAD_AES_128_GCM, then AES_CM_128_HMAC_SHA1_80); a server picks the first of
 *                         these that the client offers, a client offers exactly these
 */
public record DtlsConfig(Duration handshakeTimeout, int mtu, List<Integer> srtpProfiles) {

    static final int MIN_MTU = 256;

    public DtlsConfig {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()
                || handshakeTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("handshakeTimeout must be positive and below 24 days, got " + handshakeTimeout);
        }
        if (mtu < MIN_MTU || mtu > QueuedDatagramTransport.MAX_DATAGRAM) {
            throw new IllegalArgumentException("mtu must be within " + MIN_MTU + ".." + QueuedDatagramTransport.MAX_DATAGRAM
                    + " bytes, got " + mtu);
        }
        srtpProfiles = List.copyOf(srtpProfiles);
        if (srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("offer at least one SRTP protection profile");
        }
        if (new HashSet<>(srtpProfiles).size() != srtpProfiles.size()) {
            throw new IllegalArgumentException("SRTP protection profiles listed twice: " + srtpProfiles);
        }
        srtpProfiles.forEach(SrtpProtectionProfile::byId);
    }

    /** 10 s handshake timeout, 1200-byte datagrams, GCM preferred over CM. */
    public static DtlsConfig defaults() {
        return new DtlsConfig(Duration.ofSeconds(10), 1200,
                List.of(SrtpMaterial.AEAD_AES_128_GCM, SrtpMaterial.AES_CM_128_HMAC_SHA1_80));
    }

    public DtlsConfig withHandshakeTimeout(Duration timeout) {
        return new DtlsConfig(timeout, mtu, srtpProfiles);
    }

    public DtlsConfig withMtu(int newMtu) {
        return new DtlsConfig(handshakeTimeout, newMtu, srtpProfiles);
    }

    public DtlsConfig withSrtpProfiles(Integer... profileIds) {
        return new DtlsConfig(handshakeTimeout, mtu, List.of(profileIds));
    }

    int[] srtpProfileArray() {
        return srtpProfiles.stream().mapToInt(Integer::intValue).toArray();
    }
}
