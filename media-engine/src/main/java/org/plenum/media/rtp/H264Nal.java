package org.plenum.media.rtp;

/**
 * Facts about H.264 RTP payloads (RFC 6184) that an SFU needs without decoding video: whether a
 * packet starts a keyframe. A packet is treated as one when it carries an IDR slice (NAL type 5)
 * or a sequence parameter set (7) — as a single NAL unit, inside a STAP-A aggregate (24), or as
 * the first fragment of an FU-A (28). Browsers send SPS/PPS right before each IDR, so either
 * marks the point where a decoder can start.
 */
public final class H264Nal {

    public static final int IDR = 5;
    public static final int SPS = 7;
    public static final int STAP_A = 24;
    public static final int FU_A = 28;

    private H264Nal() {
    }

    /** NAL unit type (low 5 bits of the first octet). */
    public static int type(int firstOctet) {
        return firstOctet & 0x1F;
    }

    /** True when the payload in {@code buf[off, off+len)} starts a keyframe; false for garbage. */
    public static boolean isKeyframe(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 1 || off > buf.length - len) {
            return false;
        }
        int type = type(buf[off]);
        if (type == IDR || type == SPS) {
            return true;
        }
        if (type == STAP_A) {
            int pos = off + 1;
            int end = off + len;
            while (pos + 2 < end) {
                int size = RtpPacket.readU16(buf, pos);
                pos += 2;
                if (size == 0 || size > end - pos) {
                    return false;
                }
                int inner = type(buf[pos]);
                if (inner == IDR || inner == SPS) {
                    return true;
                }
                pos += size;
            }
            return false;
        }
        if (type == FU_A) {
            if (len < 2) {
                return false;
            }
            int fuHeader = buf[off + 1] & 0xFF;
            boolean start = (fuHeader & 0x80) != 0;
            int inner = type(fuHeader);
            return start && (inner == IDR || inner == SPS);
        }
        return false;
    }
}
