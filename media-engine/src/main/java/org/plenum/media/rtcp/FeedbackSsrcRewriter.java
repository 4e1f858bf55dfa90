package org.plenum.media.rtcp;

import java.util.function.LongUnaryOperator;

/**
 * Rewrites SSRCs inside RTCP feedback in place, so a subscriber's feedback about the SSRC it
 * knows (our output SSRC) can be passed on to the publisher about the SSRC the publisher knows
 * (the simulcast layer currently forwarded).
 *
 * <p>Rewritten: the media source of NACK and PLI, the FCI SSRC of each FIR entry and the SSRC
 * list of REMB. Transport-cc feedback is left alone: it describes the transport it arrived on and
 * ends at the SFU. Other packets of the compound are skipped untouched.
 *
 * <pre>{@code
 * FeedbackSsrcRewriter.rewriteMediaSsrcs(buf, off, len, ssrc -> ssrc == outSsrc ? layerSsrc : ssrc);
 * FeedbackSsrcRewriter.rewriteSenderSsrcs(buf, off, len, ourSsrcTowardsPublisher);
 * }</pre>
 */
public final class FeedbackSsrcRewriter {

    private FeedbackSsrcRewriter() {
    }

    /**
     * Maps each media SSRC through {@code mapping} (return the argument to keep it). Returns how
     * many fields changed; throws {@link RtcpParseException} if the compound's framing is broken,
     * in which case fields before the broken packet may already have been rewritten.
     */
    public static int rewriteMediaSsrcs(byte[] buf, int off, int len, LongUnaryOperator mapping) {
        checkRange(buf, off, len);
        int changed = 0;
        int pos = off;
        int end = off + len;
        while (pos < end) {
            int packetLength = packetLength(buf, pos, end);
            int type = buf[pos + 1] & 0xFF;
            int fmt = buf[pos] & 0x1F;
            int bodyEnd = pos + packetLength;
            int mediaField = pos + 8;
            if (packetLength >= 12 && ((type == RtcpPacket.RTPFB && fmt == Nack.FMT)
                    || (type == RtcpPacket.PSFB && fmt == Pli.FMT))) {
                changed += map(buf, mediaField, mapping);
            } else if (type == RtcpPacket.PSFB && fmt == Fir.FMT) {
                for (int q = pos + 12; q + 8 <= bodyEnd; q += 8) {
                    changed += map(buf, q, mapping);
                }
            } else if (type == RtcpPacket.PSFB && fmt == Remb.FMT && packetLength >= 20
                    && buf[pos + 12] == 'R' && buf[pos + 13] == 'E' && buf[pos + 14] == 'M' && buf[pos + 15] == 'B') {
                int count = buf[pos + 16] & 0xFF;
                for (int i = 0, q = pos + 20; i < count && q + 4 <= bodyEnd; i++, q += 4) {
                    changed += map(buf, q, mapping);
                }
            }
            pos += packetLength;
        }
        return changed;
    }

    /**
     * Sets the sender SSRC of every SR, RR and feedback packet in the compound — feedback the SFU
     * relays should come from the SSRC the SFU announced to that peer. Returns how many packets
     * were changed.
     */
    public static int rewriteSenderSsrcs(byte[] buf, int off, int len, long senderSsrc) {
        checkRange(buf, off, len);
        int changed = 0;
        int pos = off;
        int end = off + len;
        while (pos < end) {
            int packetLength = packetLength(buf, pos, end);
            int type = buf[pos + 1] & 0xFF;
            if (packetLength >= 8 && (type == RtcpPacket.SR || type == RtcpPacket.RR
                    || type == RtcpPacket.RTPFB || type == RtcpPacket.PSFB)) {
                write(buf, pos + 4, senderSsrc);
                changed++;
            }
            pos += packetLength;
        }
        return changed;
    }

    private static int map(byte[] buf, int at, LongUnaryOperator mapping) {
        long old = RtcpCompound.u32(buf, at);
        long mapped = mapping.applyAsLong(old) & 0xFFFFFFFFL;
        if (mapped == old) {
            return 0;
        }
        write(buf, at, mapped);
        return 1;
    }

    private static int packetLength(byte[] buf, int pos, int end) {
        if (end - pos < RtcpCompound.HEADER_LENGTH || ((buf[pos] & 0xFF) >> 6) != 2) {
            throw new RtcpParseException("not an RTCP packet at offset " + pos);
        }
        int packetLength = (RtcpCompound.u16(buf, pos + 2) + 1) * 4;
        if (packetLength > end - pos) {
            throw new RtcpParseException("RTCP length " + packetLength + " runs past the end");
        }
        return packetLength;
    }

    private static void checkRange(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            throw new RtcpParseException("range outside the buffer");
        }
    }

    private static void write(byte[] b, int i, long v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }
}
