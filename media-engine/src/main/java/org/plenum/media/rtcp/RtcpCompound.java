package org.plenum.media.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an RTCP compound packet (RFC 3550 §6.1) — or a single reduced-size packet (RFC 5506),
 * which browsers send for feedback — into {@link RtcpPacket}s.
 *
 * <p>Every length is checked against the bytes actually present; anything malformed fails the
 * whole compound with {@link RtcpParseException} (never an index exception), because a packet
 * whose framing is wrong cannot be trusted to delimit its neighbours either.
 */
public final class RtcpCompound {

    static final int HEADER_LENGTH = 4;
    /** Common part of feedback messages after the header: sender SSRC, media SSRC (RFC 4585 §6.1). */
    static final int FEEDBACK_HEADER_LENGTH = 8;

    private RtcpCompound() {
    }

    /** Parses the RTCP packets in {@code buf[off, off+len)}; throws {@link RtcpParseException}. */
    public static List<RtcpPacket> parse(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            throw new RtcpParseException("range outside the buffer");
        }
        if (len < HEADER_LENGTH) {
            throw new RtcpParseException("shorter than an RTCP header");
        }
        List<RtcpPacket> packets = new ArrayList<>(4);
        int pos = off;
        int end = off + len;
        while (pos < end) {
            if (end - pos < HEADER_LENGTH) {
                throw new RtcpParseException("trailing " + (end - pos) + " bytes after the last packet");
            }
            int b0 = buf[pos] & 0xFF;
            if ((b0 >> 6) != 2) {
                throw new RtcpParseException("RTCP version is not 2");
            }
            int count = b0 & 0x1F;
            int type = buf[pos + 1] & 0xFF;
            int packetLength = (u16(buf, pos + 2) + 1) * 4;
            if (packetLength > end - pos) {
                throw new RtcpParseException("length " + packetLength + " of packet type " + type + " runs past the end");
            }
            int bodyEnd = pos + packetLength;
            if ((b0 & 0x20) != 0) {
                int padding = buf[bodyEnd - 1] & 0xFF;
                if (padding == 0 || padding > packetLength - HEADER_LENGTH) {
                    throw new RtcpParseException("padding count " + padding + " larger than the packet body");
                }
                bodyEnd -= padding;
            }
            packets.add(parseOne(buf, pos + HEADER_LENGTH, bodyEnd, type, count, packetLength));
            pos += packetLength;
        }
        return packets;
    }

    private static RtcpPacket parseOne(byte[] b, int body, int end, int type, int count, int packetLength) {
        return switch (type) {
            case RtcpPacket.SR -> senderReport(b, body, end, count);
            case RtcpPacket.RR -> receiverReport(b, body, end, count);
            case RtcpPacket.SDES -> sdes(b, body, end, count);
            case RtcpPacket.BYE -> bye(b, body, end, count);
            case RtcpPacket.RTPFB -> switch (count) {
                case Nack.FMT -> nack(b, body, end);
                case TransportCc.FMT -> transportCc(b, body, end);
                default -> new Unknown(type, count, packetLength);
            };
            case RtcpPacket.PSFB -> switch (count) {
                case Pli.FMT -> pli(b, body, end);
                case Fir.FMT -> fir(b, body, end);
                case Remb.FMT -> isRemb(b, body, end) ? remb(b, body, end) : new Unknown(type, count, packetLength);
                default -> new Unknown(type, count, packetLength);
            };
            default -> new Unknown(type, count, packetLength);
        };
    }

    private static SenderReport senderReport(byte[] b, int p, int end, int rc) {
        need(b, p, end, 24 + rc * ReportBlock.LENGTH, "SR with " + rc + " report blocks");
        return new SenderReport(u32(b, p), (u32(b, p + 4) << 32) | u32(b, p + 8), u32(b, p + 12),
                u32(b, p + 16), u32(b, p + 20), reportBlocks(b, p + 24, rc));
    }

    private static ReceiverReport receiverReport(byte[] b, int p, int end, int rc) {
        need(b, p, end, 4 + rc * ReportBlock.LENGTH, "RR with " + rc + " report blocks");
        return new ReceiverReport(u32(b, p), reportBlocks(b, p + 4, rc));
    }

    private static List<ReportBlock> reportBlocks(byte[] b, int p, int rc) {
        List<ReportBlock> blocks = new ArrayList<>(rc);
        for (int i = 0; i < rc; i++, p += ReportBlock.LENGTH) {
            int lost = (b[p + 5] << 16) | ((b[p + 6] & 0xFF) << 8) | (b[p + 7] & 0xFF); // sign-extends 24 bit
            blocks.add(new ReportBlock(u32(b, p), b[p + 4] & 0xFF, lost, u32(b, p + 8), u32(b, p + 12),
                    u32(b, p + 16), u32(b, p + 20)));
        }
        return blocks;
    }

    private static Sdes sdes(byte[] b, int p, int end, int sc) {
        List<Sdes.Chunk> chunks = new ArrayList<>(sc);
        for (int c = 0; c < sc; c++) {
            need(b, p, end, 4, "SDES chunk");
            long ssrc = u32(b, p);
            int q = p + 4;
            List<Sdes.Item> items = new ArrayList<>(2);
            while (true) {
                need(b, q, end, 1, "SDES item type");
                int itemType = b[q] & 0xFF;
                if (itemType == 0) { // end of list, then padding to the next 32-bit boundary
                    q++;
                    break;
                }
                need(b, q, end, 2, "SDES item length");
                int itemLength = b[q + 1] & 0xFF;
                need(b, q + 2, end, itemLength, "SDES item text");
                items.add(new Sdes.Item(itemType, new String(b, q + 2, itemLength, StandardCharsets.UTF_8)));
                q += 2 + itemLength;
            }
            int consumed = q - p;
            p += (consumed + 3) & ~3;
            if (p > end) {
                throw new RtcpParseException("SDES chunk padding runs past the end");
            }
            chunks.add(new Sdes.Chunk(ssrc, items));
        }
        return new Sdes(chunks);
    }

    private static Bye bye(byte[] b, int p, int end, int sc) {
        need(b, p, end, 4 * sc, "BYE with " + sc + " sources");
        List<Long> ssrcs = new ArrayList<>(sc);
        for (int i = 0; i < sc; i++) {
            ssrcs.add(u32(b, p + 4 * i));
        }
        int q = p + 4 * sc;
        String reason = "";
        if (q < end) {
            int n = b[q] & 0xFF;
            need(b, q + 1, end, n, "BYE reason");
            reason = new String(b, q + 1, n, StandardCharsets.UTF_8);
        }
        return new Bye(ssrcs, reason);
    }

    private static Nack nack(byte[] b, int p, int end) {
        need(b, p, end, FEEDBACK_HEADER_LENGTH + 4, "NACK");
        int fci = end - p - FEEDBACK_HEADER_LENGTH;
        if (fci % 4 != 0) {
            throw new RtcpParseException("NACK FCI length " + fci + " is not a multiple of 4");
        }
        List<Integer> lost = new ArrayList<>();
        for (int q = p + FEEDBACK_HEADER_LENGTH; q < end; q += 4) {
            int pid = u16(b, q);
            int blp = u16(b, q + 2);
            lost.add(pid);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    lost.add((pid + bit + 1) & 0xFFFF);
                }
            }
        }
        return new Nack(u32(b, p), u32(b, p + 4), lost);
    }

    private static Pli pli(byte[] b, int p, int end) {
        need(b, p, end, FEEDBACK_HEADER_LENGTH, "PLI");
        return new Pli(u32(b, p), u32(b, p + 4));
    }

    private static Fir fir(byte[] b, int p, int end) {
        need(b, p, end, FEEDBACK_HEADER_LENGTH, "FIR");
        int fci = end - p - FEEDBACK_HEADER_LENGTH;
        if (fci % 8 != 0) {
            throw new RtcpParseException("FIR FCI length " + fci + " is not a multiple of 8");
        }
        List<Fir.Entry> entries = new ArrayList<>(fci / 8);
        for (int q = p + FEEDBACK_HEADER_LENGTH; q < end; q += 8) {
            entries.add(new Fir.Entry(u32(b, q), b[q + 4] & 0xFF));
        }
        return new Fir(u32(b, p), entries);
    }

    private static boolean isRemb(byte[] b, int p, int end) {
        int q = p + FEEDBACK_HEADER_LENGTH;
        return end - q >= 4 && b[q] == 'R' && b[q + 1] == 'E' && b[q + 2] == 'M' && b[q + 3] == 'B';
    }

    private static Remb remb(byte[] b, int p, int end) {
        int q = p + FEEDBACK_HEADER_LENGTH;
        need(b, q, end, 8, "REMB");
        int numSsrc = b[q + 4] & 0xFF;
        int exp = (b[q + 5] & 0xFF) >> 2;
        long mantissa = ((b[q + 5] & 0x03L) << 16) | ((b[q + 6] & 0xFF) << 8) | (b[q + 7] & 0xFF);
        need(b, q + 8, end, 4 * numSsrc, "REMB with " + numSsrc + " SSRCs");
        // 18 bits of mantissa shifted by up to 63 does not fit a long; such rates mean "unlimited"
        long bitrate = exp > 63 - 18 ? Long.MAX_VALUE : mantissa << exp;
        List<Long> ssrcs = new ArrayList<>(numSsrc);
        for (int i = 0; i < numSsrc; i++) {
            ssrcs.add(u32(b, q + 8 + 4 * i));
        }
        return new Remb(u32(b, p), bitrate, ssrcs);
    }

    private static TransportCc transportCc(byte[] b, int p, int end) {
        need(b, p, end, FEEDBACK_HEADER_LENGTH + 8, "transport-cc feedback");
        long sender = u32(b, p);
        long media = u32(b, p + 4);
        int q = p + FEEDBACK_HEADER_LENGTH;
        int baseSeq = u16(b, q);
        int statusCount = u16(b, q + 2);
        int referenceTime = (b[q + 4] << 16) | ((b[q + 5] & 0xFF) << 8) | (b[q + 6] & 0xFF); // signed 24
        int fbCount = b[q + 7] & 0xFF;
        q += 8;

        // Symbols: 0 not received, 1 small delta, 2 large or negative delta, 3 reserved.
        byte[] symbols = new byte[statusCount];
        int n = 0;
        while (n < statusCount) {
            need(b, q, end, 2, "transport-cc packet status chunk");
            int chunk = u16(b, q);
            q += 2;
            if ((chunk & 0x8000) == 0) { // run length chunk
                int symbol = (chunk >> 13) & 0x03;
                int run = chunk & 0x1FFF;
                for (int i = 0; i < run && n < statusCount; i++) {
                    symbols[n++] = (byte) symbol;
                }
            } else if ((chunk & 0x4000) == 0) { // status vector, 14 one-bit symbols
                for (int i = 13; i >= 0 && n < statusCount; i--) {
                    symbols[n++] = (byte) ((chunk >> i) & 0x01);
                }
            } else { // status vector, 7 two-bit symbols
                for (int i = 6; i >= 0 && n < statusCount; i--) {
                    symbols[n++] = (byte) ((chunk >> (2 * i)) & 0x03);
                }
            }
        }

        List<TransportCc.PacketStatus> packets = new ArrayList<>(statusCount);
        long clockMicros = referenceTime * 64_000L;
        for (int i = 0; i < statusCount; i++) {
            int seq = (baseSeq + i) & 0xFFFF;
            switch (symbols[i]) {
                case 0 -> packets.add(new TransportCc.PacketStatus(seq, TransportCc.Status.NOT_RECEIVED, 0, -1));
                case 1 -> {
                    need(b, q, end, 1, "transport-cc small receive delta");
                    int delta = b[q++] & 0xFF;
                    clockMicros += delta * 250L;
                    packets.add(new TransportCc.PacketStatus(seq, TransportCc.Status.RECEIVED_SMALL_DELTA, delta, clockMicros));
                }
                case 2 -> {
                    need(b, q, end, 2, "transport-cc large receive delta");
                    int delta = (short) u16(b, q);
                    q += 2;
                    clockMicros += delta * 250L;
                    packets.add(new TransportCc.PacketStatus(seq, TransportCc.Status.RECEIVED_LARGE_DELTA, delta, clockMicros));
                }
                default -> throw new RtcpParseException("transport-cc status symbol 3 is reserved");
            }
        }
        // What remains is zero padding up to the 32-bit boundary; senders differ in how they
        // pad, so it is not inspected.
        return new TransportCc(sender, media, baseSeq, statusCount, referenceTime, fbCount, packets);
    }

    private static void need(byte[] b, int at, int end, int n, String what) {
        if (n < 0 || at < 0 || n > end - at) {
            throw new RtcpParseException(what + " runs past the end of its packet");
        }
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
