package org.plenum.media.rtcp;

import java.util.List;

/**
 * Full intra request (RFC 5104 §4.3.1): asks each listed media sender for a decoder refresh.
 * The sequence number lets the sender tell a repeated request from a new one.
 */
public record Fir(long senderSsrc, List<Entry> entries) implements RtcpPacket {

    static final int FMT = 4;

    public Fir {
        entries = List.copyOf(entries);
    }

    /** One FCI entry: the media sender asked and the command sequence number (0..255). */
    public record Entry(long ssrc, int sequenceNumber) {
        public Entry {
            if (sequenceNumber < 0 || sequenceNumber > 255) {
                throw new IllegalArgumentException("FIR sequence number must be 0..255, was " + sequenceNumber);
            }
        }
    }

    @Override
    public int packetType() {
        return PSFB;
    }
}
