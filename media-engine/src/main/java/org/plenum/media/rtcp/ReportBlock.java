package org.plenum.media.rtcp;

/**
 * A reception report block (RFC 3550 §6.4.1), as carried by SR and RR.
 *
 * @param ssrc               the source this block reports on
 * @param fractionLost       lost fraction since the previous report, in 1/256 (0..255)
 * @param cumulativeLost     packets lost since the start, signed 24 bit (duplicates can make it negative)
 * @param extendedHighestSeq cycles &lt;&lt; 16 | highest sequence number received
 * @param jitter             interarrival jitter in timestamp units
 * @param lastSr             middle 32 bits of the NTP timestamp of the last SR received, 0 if none
 * @param delaySinceLastSr   time since that SR in 1/65536 s, 0 if none
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSeq,
                          long jitter, long lastSr, long delaySinceLastSr) {

    static final int LENGTH = 24;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost must be 0..255, was " + fractionLost);
        }
        if (cumulativeLost < -0x800000 || cumulativeLost > 0x7FFFFF) {
            throw new IllegalArgumentException("cumulative lost must fit 24 signed bits, was " + cumulativeLost);
        }
    }
}
