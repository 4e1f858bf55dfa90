package org.plenum.media.rtcp;

import java.util.List;

/**
 * Receiver estimated maximum bitrate (draft-alvestrand-rmcat-remb): the receiver's estimate for
 * the listed media sources together, in bits per second. On the wire the rate is an 18-bit
 * mantissa and a 6-bit exponent, so large values lose precision.
 */
public record Remb(long senderSsrc, long bitrateBps, List<Long> ssrcs) implements RtcpPacket {

    static final int FMT = 15;

    public Remb {
        ssrcs = List.copyOf(ssrcs);
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("bitrate must not be negative, was " + bitrateBps);
        }
    }

    @Override
    public int packetType() {
        return PSFB;
    }
}
