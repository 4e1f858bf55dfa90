package org.plenum.media.rtcp;

import java.util.List;

/**
 * Sender report (RFC 3550 §6.4.1).
 *
 * @param ntpTimestamp full 64-bit NTP timestamp (seconds since 1900 in the high 32 bits)
 */
public record SenderReport(long senderSsrc, long ntpTimestamp, long rtpTimestamp, long packetCount,
                           long octetCount, List<ReportBlock> reports) implements RtcpPacket {

    public SenderReport {
        reports = List.copyOf(reports);
    }

    /** The middle 32 bits of the NTP timestamp, which a receiver echoes as LSR. */
    public long compactNtp() {
        return (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
    }

    @Override
    public int packetType() {
        return SR;
    }
}
