package org.plenum.media.rtp;

/**
 * A reusable view of the VP8 payload descriptor (RFC 7741 §4.2) at the start of an RTP payload,
 * and of the VP8 payload header behind it where that is present.
 *
 * <pre>
 *      X|R|N|S|R| PID     required
 *   X: I|L|T|K| RSV       if X
 *   I: M| PictureID       if I; one more octet of PictureID if M (15 bits)
 *   L: TL0PICIDX          if L
 * T/K: TID|Y| KEYIDX      if T or K
 * </pre>
 *
 * The forwarder rewrites PictureID and TL0PICIDX in place so that a subscriber sees one
 * continuous numbering across simulcast layer switches; the width of PictureID is kept as the
 * sender chose it. Mutable, one thread at a time.
 */
public final class Vp8Descriptor {

    private byte[] buf;
    private int off;
    private int len;
    private int descriptorLength;
    private int pictureIdOffset = -1; // absolute
    private boolean longPictureId;
    private int tl0PicIdxOffset = -1;
    private int tidOffset = -1;
    private boolean hasTid;

    /** Parses or throws {@link RtpParseException}. */
    public static Vp8Descriptor parse(byte[] buf, int off, int len) {
        Vp8Descriptor d = new Vp8Descriptor();
        if (!d.wrap(buf, off, len)) {
            throw new RtpParseException("not a VP8 payload descriptor");
        }
        return d;
    }

    /** Points this view at a VP8 RTP payload; false if the descriptor is truncated. */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (buf == null || off < 0 || len < 1 || off > buf.length - len) {
            return false;
        }
        int end = off + len;
        int pos = off + 1;
        int picOff = -1;
        boolean longPic = false;
        int tl0Off = -1;
        int tOff = -1;
        boolean tid = false;
        if ((buf[off] & 0x80) != 0) {
            if (pos >= end) {
                return false;
            }
            int x = buf[pos++] & 0xFF;
            if ((x & 0x80) != 0) {
                if (pos >= end) {
                    return false;
                }
                picOff = pos;
                longPic = (buf[pos] & 0x80) != 0;
                pos += longPic ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                tl0Off = pos++;
            }
            if ((x & 0x30) != 0) {
                tOff = pos++;
                tid = (x & 0x20) != 0;
            }
            if (pos > end) {
                return false;
            }
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.descriptorLength = pos - off;
        this.pictureIdOffset = picOff;
        this.longPictureId = longPic;
        this.tl0PicIdxOffset = tl0Off;
        this.tidOffset = tOff;
        this.hasTid = tid;
        return true;
    }

    /** Whether the payload is a keyframe; cheap check for callers that need nothing else. */
    public static boolean isKeyframe(byte[] buf, int off, int len) {
        Vp8Descriptor d = new Vp8Descriptor();
        return d.wrap(buf, off, len) && d.isKeyframe();
    }

    public int descriptorLength() { return descriptorLength; }
    public boolean isStartOfPartition() { return (buf[off] & 0x10) != 0; }
    public int partitionId() { return buf[off] & 0x07; }
    public boolean isNonReference() { return (buf[off] & 0x20) != 0; }

    /**
     * True at the first packet of a key frame: start of partition 0 (S=1, PID=0) and the P bit of
     * the VP8 payload header is 0 (RFC 7741 §4.3, RFC 6386 §9.1).
     */
    public boolean isKeyframe() {
        if (!isStartOfPartition() || partitionId() != 0 || descriptorLength >= len) {
            return false;
        }
        return (buf[off + descriptorLength] & 0x01) == 0;
    }

    public boolean hasPictureId() { return pictureIdOffset >= 0; }
    public boolean hasLongPictureId() { return longPictureId; }

    /** PictureID (7 or 15 bits), -1 if absent. */
    public int pictureId() {
        if (pictureIdOffset < 0) {
            return -1;
        }
        return longPictureId ? RtpPacket.readU16(buf, pictureIdOffset) & 0x7FFF : buf[pictureIdOffset] & 0x7F;
    }

    /** Writes a PictureID, reduced modulo the width the sender used (2^7 or 2^15). */
    public void setPictureId(int pictureId) {
        if (pictureIdOffset < 0) {
            throw new IllegalStateException("descriptor has no PictureID");
        }
        if (longPictureId) {
            RtpPacket.writeU16(buf, pictureIdOffset, 0x8000 | (pictureId & 0x7FFF));
        } else {
            buf[pictureIdOffset] = (byte) (pictureId & 0x7F);
        }
    }

    public boolean hasTl0PicIdx() { return tl0PicIdxOffset >= 0; }

    /** TL0PICIDX, -1 if absent. */
    public int tl0PicIdx() { return tl0PicIdxOffset < 0 ? -1 : buf[tl0PicIdxOffset] & 0xFF; }

    public void setTl0PicIdx(int value) {
        if (tl0PicIdxOffset < 0) {
            throw new IllegalStateException("descriptor has no TL0PICIDX");
        }
        buf[tl0PicIdxOffset] = (byte) value;
    }

    /** Temporal layer index TID (0..3), -1 if absent. */
    public int temporalLayer() { return hasTid ? (buf[tidOffset] & 0xFF) >> 6 : -1; }

    /** Layer sync bit Y; false if absent. */
    public boolean layerSync() { return hasTid && (buf[tidOffset] & 0x20) != 0; }
}
