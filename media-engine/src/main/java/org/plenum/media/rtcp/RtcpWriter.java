package org.plenum.media.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the RTCP packets the engine sends into a caller's array, each method returning the
 * number of bytes written so packets can be appended one after another into a compound:
 *
 * <pre>{@code
 * int n = RtcpWriter.receiverReport(out, 0, ourSsrc, blocks);
 * n += RtcpWriter.sdesCname(out, n, ourSsrc, cname);
 * n += RtcpWriter.pli(out, n, ourSsrc, publisherSsrc);
 * }</pre>
 *
 * A destination without room for the packet is a programming error and throws
 * {@link IllegalArgumentException}; nothing is written then.
 */
public final class RtcpWriter {

    private static final int MAX_REPORT_BLOCKS = 31;

    private RtcpWriter() {
    }

    /** Receiver report (RFC 3550 §6.4.2) with up to 31 report blocks. */
    public static int receiverReport(byte[] dst, int off, long senderSsrc, List<ReportBlock> blocks) {
        checkBlocks(blocks);
        int length = 8 + blocks.size() * ReportBlock.LENGTH;
        room(dst, off, length);
        header(dst, off, blocks.size(), RtcpPacket.RR, length);
        u32(dst, off + 4, senderSsrc);
        writeBlocks(dst, off + 8, blocks);
        return length;
    }

    /** Sender report (RFC 3550 §6.4.1); {@code ntpTimestamp} is the full 64-bit NTP time. */
    public static int senderReport(byte[] dst, int off, long senderSsrc, long ntpTimestamp, long rtpTimestamp,
                                   long packetCount, long octetCount, List<ReportBlock> blocks) {
        checkBlocks(blocks);
        int length = 28 + blocks.size() * ReportBlock.LENGTH;
        room(dst, off, length);
        header(dst, off, blocks.size(), RtcpPacket.SR, length);
        u32(dst, off + 4, senderSsrc);
        u32(dst, off + 8, ntpTimestamp >>> 32);
        u32(dst, off + 12, ntpTimestamp);
        u32(dst, off + 16, rtpTimestamp);
        u32(dst, off + 20, packetCount);
        u32(dst, off + 24, octetCount);
        writeBlocks(dst, off + 28, blocks);
        return length;
    }

    /** SDES with one chunk holding a CNAME (RFC 3550 §6.5.1), which every compound must carry. */
    public static int sdesCname(byte[] dst, int off, long ssrc, String cname) {
        byte[] text = cname.getBytes(StandardCharsets.UTF_8);
        if (text.length > 255) {
            throw new IllegalArgumentException("CNAME longer than 255 bytes");
        }
        int chunk = 4 + 2 + text.length + 1; // ssrc, type+len, text, end-of-items
        int length = 4 + ((chunk + 3) & ~3);
        room(dst, off, length);
        header(dst, off, 1, RtcpPacket.SDES, length);
        u32(dst, off + 4, ssrc);
        dst[off + 8] = Sdes.CNAME;
        dst[off + 9] = (byte) text.length;
        System.arraycopy(text, 0, dst, off + 10, text.length);
        for (int i = off + 10 + text.length; i < off + length; i++) {
            dst[i] = 0; // end-of-items and padding
        }
        return length;
    }

    /** BYE for the given sources, without a reason. */
    public static int bye(byte[] dst, int off, List<Long> ssrcs) {
        if (ssrcs.isEmpty() || ssrcs.size() > 31) {
            throw new IllegalArgumentException("BYE carries 1..31 sources, got " + ssrcs.size());
        }
        int length = 4 + 4 * ssrcs.size();
        room(dst, off, length);
        header(dst, off, ssrcs.size(), RtcpPacket.BYE, length);
        for (int i = 0; i < ssrcs.size(); i++) {
            u32(dst, off + 4 + 4 * i, ssrcs.get(i));
        }
        return length;
    }

    /** Picture loss indication (RFC 4585 §6.3.1) asking {@code mediaSsrc}'s sender for a keyframe. */
    public static int pli(byte[] dst, int off, long senderSsrc, long mediaSsrc) {
        int length = 12;
        room(dst, off, length);
        header(dst, off, Pli.FMT, RtcpPacket.PSFB, length);
        u32(dst, off + 4, senderSsrc);
        u32(dst, off + 8, mediaSsrc);
        return length;
    }

    /**
     * Full intra request (RFC 5104 §4.3.1) for one media sender. The caller keeps the command
     * sequence number per sender and increments it for each new request (not for repeats).
     */
    public static int fir(byte[] dst, int off, long senderSsrc, long mediaSsrc, int sequenceNumber) {
        int length = 20;
        room(dst, off, length);
        header(dst, off, Fir.FMT, RtcpPacket.PSFB, length);
        u32(dst, off + 4, senderSsrc);
        u32(dst, off + 8, 0); // RFC 5104: media source field unused, the FCI names the sender
        u32(dst, off + 12, mediaSsrc);
        dst[off + 16] = (byte) sequenceNumber;
        dst[off + 17] = 0;
        dst[off + 18] = 0;
        dst[off + 19] = 0;
        return length;
    }

    /**
     * Generic NACK (RFC 4585 §6.2.1) for the given lost sequence numbers. Numbers within 16 after
     * the current PID share its BLP bitmask; ascending input gives the most compact packet.
     */
    public static int nack(byte[] dst, int off, long senderSsrc, long mediaSsrc, List<Integer> lost) {
        if (lost.isEmpty()) {
            throw new IllegalArgumentException("a NACK needs at least one sequence number");
        }
        // Count the PID/BLP pairs first so that nothing is written when there is no room.
        int pairs = 0;
        int pid = -1;
        for (int seq : lost) {
            int d = pid < 0 ? -1 : ((seq & 0xFFFF) - pid) & 0xFFFF;
            if (d < 0 || d > 16) {
                pid = seq & 0xFFFF;
                pairs++;
            }
        }
        int length = 12 + 4 * pairs;
        room(dst, off, length);
        header(dst, off, Nack.FMT, RtcpPacket.RTPFB, length);
        u32(dst, off + 4, senderSsrc);
        u32(dst, off + 8, mediaSsrc);
        int q = off + 8;
        pid = -1;
        int blp = 0;
        for (int seq : lost) {
            seq &= 0xFFFF;
            int d = pid < 0 ? -1 : (seq - pid) & 0xFFFF;
            if (d < 0 || d > 16) {
                if (pid >= 0) {
                    u16(dst, q + 2, blp);
                }
                q += 4;
                pid = seq;
                blp = 0;
                u16(dst, q, pid);
            } else if (d > 0) {
                blp |= 1 << (d - 1);
            }
        }
        u16(dst, q + 2, blp);
        return length;
    }

    /**
     * REMB (draft-alvestrand-rmcat-remb) announcing {@code bitrateBps} for the listed sources.
     * The rate is stored as 18-bit mantissa and 6-bit exponent, so it is rounded down.
     */
    public static int remb(byte[] dst, int off, long senderSsrc, long bitrateBps, List<Long> ssrcs) {
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("bitrate must not be negative");
        }
        if (ssrcs.size() > 255) {
            throw new IllegalArgumentException("REMB lists at most 255 SSRCs");
        }
        int exp = 0;
        long mantissa = bitrateBps;
        while (mantissa > 0x3FFFF) {
            mantissa >>>= 1;
            exp++;
        }
        int length = 20 + 4 * ssrcs.size();
        room(dst, off, length);
        header(dst, off, Remb.FMT, RtcpPacket.PSFB, length);
        u32(dst, off + 4, senderSsrc);
        u32(dst, off + 8, 0);
        dst[off + 12] = 'R';
        dst[off + 13] = 'E';
        dst[off + 14] = 'M';
        dst[off + 15] = 'B';
        dst[off + 16] = (byte) ssrcs.size();
        dst[off + 17] = (byte) ((exp << 2) | (int) (mantissa >> 16));
        u16(dst, off + 18, (int) mantissa);
        for (int i = 0; i < ssrcs.size(); i++) {
            u32(dst, off + 20 + 4 * i, ssrcs.get(i));
        }
        return length;
    }

    /**
     * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
     * §3.1) for {@code count} consecutive transport sequence numbers starting at {@code baseSeq}.
     * {@code arrivalMicros[i]} is when packet {@code baseSeq + i} arrived on our clock, or -1 if it
     * did not; the first entry should be a received packet. The reference time is the first
     * arrival rounded down to 64 ms; deltas are rounded to 250 µs ticks.
     *
     * <p>A gap between two arrivals beyond the two-byte delta range (about ±8.2 s) cannot be
     * expressed: the caller ends this feedback before it and starts a new one. That case throws.
     */
    public static int transportCc(byte[] dst, int off, long senderSsrc, long mediaSsrc, int baseSeq,
                                  long[] arrivalMicros, int count, int feedbackPacketCount) {
        if (count <= 0 || count > 0xFFFF || count > arrivalMicros.length) {
            throw new IllegalArgumentException("transport-cc reports 1..65535 packets, got " + count);
        }
        byte[] symbols = new byte[count];
        int[] deltas = new int[count];
        long firstArrival = -1;
        for (int i = 0; i < count && firstArrival < 0; i++) {
            firstArrival = arrivalMicros[i];
        }
        long referenceTime = firstArrival < 0 ? 0 : Math.floorDiv(firstArrival, 64_000L);
        long previousTicks = referenceTime * 64_000L / 250;
        int deltaBytes = 0;
        for (int i = 0; i < count; i++) {
            if (arrivalMicros[i] < 0) {
                continue;
            }
            long ticks = Math.floorDiv(arrivalMicros[i], 250L);
            long delta = ticks - previousTicks;
            previousTicks = ticks;
            if (delta >= 0 && delta <= 255) {
                symbols[i] = 1;
                deltaBytes += 1;
            } else if (delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE) {
                symbols[i] = 2;
                deltaBytes += 2;
            } else {
                throw new IllegalArgumentException("arrival gap before packet " + i + " does not fit a receive delta");
            }
            deltas[i] = (int) delta;
        }
        // Chunks: a run-length chunk for runs of 14 or more, else a one-bit vector when the next
        // 14 symbols need no large delta, else a two-bit vector of 7.
        int[] chunks = new int[count];
        int chunkCount = 0;
        for (int i = 0; i < count; ) {
            int run = 1;
            while (i + run < count && symbols[i + run] == symbols[i] && run < 0x1FFF) {
                run++;
            }
            if (run >= 14) {
                chunks[chunkCount++] = (symbols[i] << 13) | run;
                i += run;
                continue;
            }
            boolean small = true;
            for (int k = i; k < Math.min(count, i + 14); k++) {
                small &= symbols[k] <= 1;
            }
            int chunk;
            if (small) {
                chunk = 0x8000;
                for (int k = 0; k < 14; k++) {
                    chunk |= (i + k < count ? symbols[i + k] : 0) << (13 - k);
                }
                i += 14;
            } else {
                chunk = 0xC000;
                for (int k = 0; k < 7; k++) {
                    chunk |= (i + k < count ? symbols[i + k] : 0) << (2 * (6 - k));
                }
                i += 7;
            }
            chunks[chunkCount++] = chunk;
        }
        int unpadded = 4 + 8 + 8 + 2 * chunkCount + deltaBytes;
        int length = (unpadded + 3) & ~3;
        room(dst, off, length);
        header(dst, off, TransportCc.FMT, RtcpPacket.RTPFB, length);
        u32(dst, off + 4, senderSsrc);
        u32(dst, off + 8, mediaSsrc);
        u16(dst, off + 12, baseSeq);
        u16(dst, off + 14, count);
        dst[off + 16] = (byte) (referenceTime >> 16);
        dst[off + 17] = (byte) (referenceTime >> 8);
        dst[off + 18] = (byte) referenceTime;
        dst[off + 19] = (byte) feedbackPacketCount;
        int q = off + 20;
        for (int c = 0; c < chunkCount; c++, q += 2) {
            u16(dst, q, chunks[c]);
        }
        for (int i = 0; i < count; i++) {
            if (symbols[i] == 1) {
                dst[q++] = (byte) deltas[i];
            } else if (symbols[i] == 2) {
                u16(dst, q, deltas[i]);
                q += 2;
            }
        }
        while (q < off + length) {
            dst[q++] = 0;
        }
        return length;
    }

    private static void checkBlocks(List<ReportBlock> blocks) {
        if (blocks.size() > MAX_REPORT_BLOCKS) {
            throw new IllegalArgumentException("at most 31 report blocks fit one report, got " + blocks.size());
        }
    }

    private static void writeBlocks(byte[] dst, int p, List<ReportBlock> blocks) {
        for (ReportBlock r : blocks) {
            u32(dst, p, r.ssrc());
            dst[p + 4] = (byte) r.fractionLost();
            dst[p + 5] = (byte) (r.cumulativeLost() >> 16);
            dst[p + 6] = (byte) (r.cumulativeLost() >> 8);
            dst[p + 7] = (byte) r.cumulativeLost();
            u32(dst, p + 8, r.extendedHighestSeq());
            u32(dst, p + 12, r.jitter());
            u32(dst, p + 16, r.lastSr());
            u32(dst, p + 20, r.delaySinceLastSr());
            p += ReportBlock.LENGTH;
        }
    }

    private static void header(byte[] dst, int off, int countOrFormat, int type, int length) {
        dst[off] = (byte) (0x80 | countOrFormat);
        dst[off + 1] = (byte) type;
        u16(dst, off + 2, length / 4 - 1);
    }

    private static void room(byte[] dst, int off, int length) {
        if (dst == null || off < 0 || off > dst.length - length) {
            throw new IllegalArgumentException("no room for " + length + " bytes of RTCP at offset " + off);
        }
    }

    private static void u16(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 8);
        b[i + 1] = (byte) v;
    }

    private static void u32(byte[] b, int i, long v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }
}
