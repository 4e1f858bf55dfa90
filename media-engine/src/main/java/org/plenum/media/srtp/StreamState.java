package org.plenum.media.srtp;

/**
 * What a context remembers about one SSRC: the SRTP replay window (whose highest index also carries the
 * rollover counter), the SRTCP replay window, and the next SRTCP index to send.
 */
final class StreamState {
    /**
     * Bursty video over lossy paths reorders more than libsrtp's default 128 packets; WebRTC's own receiver
     * uses 1024. 128 bytes per SSRC is cheap.
     */
    static final int RTP_REPLAY_WINDOW = 1024;
    /** RTCP is a few packets per second; RFC 3711's minimum of 64 would do, 128 leaves room for bursts. */
    static final int RTCP_REPLAY_WINDOW = 128;

    final int ssrc;
    final ReplayWindow rtp = new ReplayWindow(RTP_REPLAY_WINDOW);
    final ReplayWindow rtcp = new ReplayWindow(RTCP_REPLAY_WINDOW);
    /** Next SRTCP index to use when protecting; negative once 2^31 indices are used up. */
    int nextRtcpIndex;

    StreamState(int ssrc) {
        this.ssrc = ssrc;
    }

    /**
     * The 48-bit packet index {@code ROC * 2^16 + SEQ} that a packet with this sequence number most likely has,
     * relative to the highest index so far (RFC 3711 Appendix A). Negative if it would precede ROC 0.
     */
    long estimateRtpIndex(int seq) {
        long highest = rtp.highest();
        if (highest < 0) {
            // first packet of the stream: RFC 3711 §3.3.1 starts the rollover counter at zero
            return seq;
        }
        long roc = highest >>> 16;
        int lastSeq = (int) (highest & 0xFFFF);
        long v;
        if (lastSeq < 0x8000) {
            v = seq - lastSeq > 0x8000 ? roc - 1 : roc;
        } else {
            v = lastSeq - 0x8000 > seq ? roc + 1 : roc;
        }
        return v < 0 ? -1 : (v << 16) | seq;
    }
}
