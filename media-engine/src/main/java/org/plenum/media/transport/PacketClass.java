package org.plenum.media.transport;

/**
 * What a datagram on the shared media port is, told from its first byte (RFC 7983 §7): STUN, DTLS or
 * SRTP/SRTCP. Everything else is garbage and is dropped before any parser sees it.
 */
public enum PacketClass {
    STUN, DTLS, RTP, RTCP, UNKNOWN;

    /**
     * Classifies a datagram. RTP and RTCP share first bytes 128–191; with rtcp-mux they differ by the
     * second byte: RTCP packet types 192–223 (RFC 5761 §4) sit where RTP would carry marker+payload type.
     */
    public static PacketClass of(byte[] buf, int off, int len) {
        if (len < 1) {
            return UNKNOWN;
        }
        int first = buf[off] & 0xFF;
        if (first <= 3) {
            return STUN;
        }
        if (first >= 20 && first <= 63) {
            return DTLS;
        }
        if (first >= 128 && first <= 191) {
            if (len < 2) {
                return UNKNOWN;
            }
            int second = buf[off + 1] & 0xFF;
            return second >= 192 && second <= 223 ? RTCP : RTP;
        }
        return UNKNOWN;
    }
}
