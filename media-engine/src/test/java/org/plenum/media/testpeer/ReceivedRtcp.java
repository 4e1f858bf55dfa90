package org.plenum.media.testpeer;

import org.plenum.media.rtcp.RtcpPacket;

/** One RTCP packet a {@link TestPeer} received (split out of its compound), decrypted, with its arrival time. */
public record ReceivedRtcp(RtcpPacket packet, long atNanos) {
}
