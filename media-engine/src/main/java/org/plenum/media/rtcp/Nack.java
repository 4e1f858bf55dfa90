package org.plenum.media.rtcp;

import java.util.List;

/**
 * Generic NACK (RFC 4585 §6.2.1): the receiver of {@code mediaSsrc} misses these packets. The
 * PID/BLP pairs on the wire are already expanded into sequence numbers, in wire order.
 */
public record Nack(long senderSsrc, long mediaSsrc, List<Integer> lostSequenceNumbers) implements RtcpPacket {

    static final int FMT = 1;

    public Nack {
        lostSequenceNumbers = List.copyOf(lostSequenceNumbers);
    }

    @Override
    public int packetType() {
        return RTPFB;
    }
}
