package org.plenum.media.rtcp;

/** Picture loss indication (RFC 4585 §6.3.1): the receiver of {@code mediaSsrc} needs a keyframe. */
public record Pli(long senderSsrc, long mediaSsrc) implements RtcpPacket {

    static final int FMT = 1;

    @Override
    public int packetType() {
        return PSFB;
    }
}
