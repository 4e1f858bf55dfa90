package org.plenum.media.rtp;

/**
 * A reusable, bounds-checked view of one RTP packet (RFC 3550 §5.1) in {@code buf[off, off+len)}.
 *
 * <p>{@link #wrap} validates the fixed header, the CSRC list, the header extension block (RFC 8285,
 * one-byte {@code 0xBEDE} and two-byte {@code 0x100X} forms) and the padding count, so that every
 * accessor afterwards stays inside the wrapped range. Setters write into the same array, which is
 * how the forwarder rewrites SSRC, sequence number, timestamp and payload type per subscriber
 * without copying.
 *
 * <pre>{@code
 * RtpPacket p = new RtpPacket();
 * if (p.wrap(buf, off, len)) { p.setSsrc(outSsrc); p.setSequenceNumber(outSeq); }
 * }</pre>
 *
 * <p>Instances are mutable and meant to be reused by one thread at a time.
 */
public final class RtpPacket {

    /** Size of the fixed RTP header. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** Profile value of the one-byte header extension form (RFC 8285 §4.2). */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** Profile value of the two-byte form, the low 4 bits ("appbits") are free (RFC 8285 §4.3). */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private byte[] buf;
    private int off;
    private int len;
    private int csrcCount;
    private int extensionProfile = -1;
    private int extensionDataOffset; // absolute offset of the first extension element
    private int extensionDataLength;
    private int payloadOffset;       // absolute
    private int payloadLength;       // without padding
    private int paddingLength;
    private int foundExtensionLength;
    private String failure;

    /** Parses a packet or throws {@link RtpParseException} saying why it is not one. */
    public static RtpPacket parse(byte[] buf, int off, int len) {
        RtpPacket p = new RtpPacket();
        if (!p.wrap(buf, off, len)) {
            throw new RtpParseException(p.failure);
        }
        return p;
    }

    /**
     * Points this view at a packet. Returns false (and leaves the view unusable) for anything that
     * is not a well-formed RTP packet; {@link #failure()} then says why.
     */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            return fail("range outside the buffer");
        }
        if (len < FIXED_HEADER_LENGTH) {
            return fail("shorter than the 12-byte RTP header");
        }
        int b0 = buf[off] & 0xFF;
        if ((b0 >> 6) != 2) {
            return fail("RTP version is not 2");
        }
        int end = off + len;
        int cc = b0 & 0x0F;
        int pos = off + FIXED_HEADER_LENGTH + 4 * cc;
        if (pos > end) {
            return fail("CSRC count " + cc + " runs past the end");
        }
        int profile = -1;
        int extData = 0;
        int extLen = 0;
        if ((b0 & 0x10) != 0) {
            if (pos + 4 > end) {
                return fail("header extension header runs past the end");
            }
            profile = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
            extLen = (((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF)) * 4;
            extData = pos + 4;
            if (extLen > end - extData) {
                return fail("header extension length " + extLen + " runs past the end");
            }
            pos = extData + extLen;
        }
        int padding = 0;
        if ((b0 & 0x20) != 0) {
            if (pos >= end) {
                return fail("padding bit set but no room for a padding count");
            }
            padding = buf[end - 1] & 0xFF;
            if (padding == 0 || padding > end - pos) {
                return fail("padding count " + padding + " larger than the payload");
            }
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.csrcCount = cc;
        this.extensionProfile = profile;
        this.extensionDataOffset = extData;
        this.extensionDataLength = extLen;
        this.payloadOffset = pos;
        this.paddingLength = padding;
        this.payloadLength = end - pos - padding;
        this.failure = null;
        return true;
    }

    private boolean fail(String why) {
        this.failure = why;
        return false;
    }

    /** Why the last {@link #wrap} returned false, or null after a successful wrap. */
    public String failure() {
        return failure;
    }

    public byte[] buffer() { return buf; }
    public int offset() { return off; }
    public int length() { return len; }

    public int version() { return (buf[off] & 0xFF) >> 6; }
    public boolean hasPadding() { return (buf[off] & 0x20) != 0; }
    public boolean hasExtension() { return (buf[off] & 0x10) != 0; }
    public int csrcCount() { return csrcCount; }
    public boolean marker() { return (buf[off + 1] & 0x80) != 0; }
    public int payloadType() { return buf[off + 1] & 0x7F; }
    public int sequenceNumber() { return readU16(buf, off + 2); }
    public long timestamp() { return readU32(buf, off + 4); }
    public long ssrc() { return readU32(buf, off + 8); }

    public long csrc(int index) {
        if (index < 0 || index >= csrcCount) {
            throw new IndexOutOfBoundsException("CSRC index " + index + " of " + csrcCount);
        }
        return readU32(buf, off + FIXED_HEADER_LENGTH + 4 * index);
    }

    /** Length of fixed header, CSRCs and extension block together: where the payload starts. */
    public int headerLength() { return payloadOffset - off; }
    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() { return payloadOffset; }
    /** Payload length with padding removed. */
    public int payloadLength() { return payloadLength; }
    public int paddingLength() { return paddingLength; }
    /** The extension profile (0xBEDE, 0x100X, or another value), or -1 without extension. */
    public int extensionProfile() { return extensionProfile; }

    public void setMarker(boolean marker) {
        buf[off + 1] = (byte) (marker ? (buf[off + 1] | 0x80) : (buf[off + 1] & 0x7F));
    }

    public void setPayloadType(int pt) {
        if (pt < 0 || pt > 127) {
            throw new IllegalArgumentException("payload type must be 0..127, was " + pt);
        }
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | pt);
    }

    public void setSequenceNumber(int seq) { writeU16(buf, off + 2, seq); }
    public void setTimestamp(long ts) { writeU32(buf, off + 4, ts); }
    public void setSsrc(long ssrc) { writeU32(buf, off + 8, ssrc); }

    /**
     * Finds the header extension element with this id (1..14 one-byte, 1..255 two-byte) and
     * returns the absolute offset of its data in {@link #buffer()}, or -1 if absent or unparseable.
     * The data length is then available from {@link #foundExtensionLength()}; the pair avoids
     * allocating a result object per packet.
     */
    public int findExtension(int id) {
        foundExtensionLength = 0;
        if (extensionProfile < 0 || id <= 0) {
            return -1;
        }
        int pos = extensionDataOffset;
        int end = extensionDataOffset + extensionDataLength;
        if (extensionProfile == ONE_BYTE_PROFILE) {
            if (id > 14) {
                return -1;
            }
            while (pos < end) {
                int b = buf[pos] & 0xFF;
                if (b == 0) { // padding between elements
                    pos++;
                    continue;
                }
                int elementId = b >> 4;
                if (elementId == 15) { // reserved: stop processing (RFC 8285 §4.2)
                    return -1;
                }
                int elementLen = (b & 0x0F) + 1;
                int data = pos + 1;
                if (elementLen > end - data) {
                    return -1;
                }
                if (elementId == id) {
                    foundExtensionLength = elementLen;
                    return data;
                }
                pos = data + elementLen;
            }
            return -1;
        }
        if ((extensionProfile & 0xFFF0) == TWO_BYTE_PROFILE) {
            if (id > 255) {
                return -1;
            }
            while (pos < end) {
                int elementId = buf[pos] & 0xFF;
                if (elementId == 0) {
                    pos++;
                    continue;
                }
                if (pos + 2 > end) {
                    return -1;
                }
                int elementLen = buf[pos + 1] & 0xFF;
                int data = pos + 2;
                if (elementLen > end - data) {
                    return -1;
                }
                if (elementId == id) {
                    foundExtensionLength = elementLen;
                    return data;
                }
                pos = data + elementLen;
            }
        }
        return -1;
    }

    /** Data length of the element last located by {@link #findExtension}, 0 if none was found. */
    public int foundExtensionLength() {
        return foundExtensionLength;
    }

    /**
     * Overwrites the data of extension {@code id} in place. The element keeps its length, so the
     * new value must have exactly that length; returns false if the element is absent or of
     * another length.
     */
    public boolean rewriteExtension(int id, byte[] src, int srcOff, int srcLen) {
        int at = findExtension(id);
        if (at < 0 || foundExtensionLength != srcLen) {
            return false;
        }
        System.arraycopy(src, srcOff, buf, at, srcLen);
        return true;
    }

    static int readU16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static long readU32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static void writeU16(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 8);
        b[i + 1] = (byte) v;
    }

    static void writeU32(byte[] b, int i, long v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }
}
