package org.plenum.media.rtcp;

import java.util.List;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1): for a run of transport-wide sequence numbers starting at {@code baseSequenceNumber},
 * which packets arrived and when. The packet status chunks and receive deltas on the wire are
 * decoded into one {@link PacketStatus} per reported sequence number.
 *
 * @param referenceTime       signed 24-bit arrival reference, in multiples of 64 ms
 * @param feedbackPacketCount increments with each feedback packet sent (8 bits), to spot lost feedback
 */
public record TransportCc(long senderSsrc, long mediaSsrc, int baseSequenceNumber, int packetStatusCount,
                          int referenceTime, int feedbackPacketCount, List<PacketStatus> packets)
        implements RtcpPacket {

    static final int FMT = 15;

    public TransportCc {
        packets = List.copyOf(packets);
    }

    /** The reference time in microseconds. */
    public long referenceTimeMicros() {
        return referenceTime * 64_000L;
    }

    @Override
    public int packetType() {
        return RTPFB;
    }

    /** What the status symbol of one packet says. */
    public enum Status {
        NOT_RECEIVED,
        /** Received, delta in one unsigned octet (0..63.75 ms). */
        RECEIVED_SMALL_DELTA,
        /** Received, delta in two signed octets (negative or larger than 63.75 ms). */
        RECEIVED_LARGE_DELTA;

        public boolean received() {
            return this != NOT_RECEIVED;
        }
    }

    /**
     * One reported packet.
     *
     * @param sequenceNumber   transport-wide sequence number (16 bits)
     * @param deltaTicks       receive delta to the previous received packet (the first: to the
     *                         reference time), in 250 µs ticks; 0 when not received
     * @param receivedAtMicros arrival time on the receiver's clock (reference time plus the
     *                         deltas so far), -1 when not received
     */
    public record PacketStatus(int sequenceNumber, Status status, int deltaTicks, long receivedAtMicros) {

        public long deltaMicros() {
            return deltaTicks * 250L;
        }
    }
}
