package org.plenum.media.rtcp;

import java.util.List;

/** Goodbye (RFC 3550 §6.6): sources leaving, with an optional reason ("" when none). */
public record Bye(List<Long> ssrcs, String reason) implements RtcpPacket {

    public Bye {
        ssrcs = List.copyOf(ssrcs);
        reason = reason == null ? "" : reason;
    }

    @Override
    public int packetType() {
        return BYE;
    }
}
