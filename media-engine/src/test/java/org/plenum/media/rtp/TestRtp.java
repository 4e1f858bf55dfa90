package org.plenum.media.rtp;

import java.io.ByteArrayOutputStream;

/** Builds RTP packets byte by byte for tests, the way a browser lays them out. */
final class TestRtp {

    private int payloadType = 96;
    private int seq;
    private long timestamp;
    private long ssrc;
    private boolean marker;
    private long[] csrcs = new long[0];
    private int extensionProfile = -1;
    private final ByteArrayOutputStream extension = new ByteArrayOutputStream();
    private byte[] payload = new byte[0];
    private int padding;

    static TestRtp packet() {
        return new TestRtp();
    }

    TestRtp payloadType(int pt) { this.payloadType = pt; return this; }
    TestRtp seq(int seq) { this.seq = seq & 0xFFFF; return this; }
    TestRtp timestamp(long ts) { this.timestamp = ts; return this; }
    TestRtp ssrc(long ssrc) { this.ssrc = ssrc; return this; }
    TestRtp marker(boolean m) { this.marker = m; return this; }
    TestRtp csrcs(long... c) { this.csrcs = c; return this; }
    TestRtp payload(int... bytes) { this.payload = bytes(bytes); return this; }
    TestRtp payload(byte[] bytes) { this.payload = bytes; return this; }
    TestRtp padding(int n) { this.padding = n; return this; }

    /** Adds a one-byte-header element (RFC 8285 §4.2). */
    TestRtp oneByte(int id, int... data) {
        extensionProfile = RtpPacket.ONE_BYTE_PROFILE;
        extension.write((id << 4) | (data.length - 1));
        extension.writeBytes(bytes(data));
        return this;
    }

    /** Adds a two-byte-header element (RFC 8285 §4.3). */
    TestRtp twoByte(int id, int... data) {
        extensionProfile = RtpPacket.TWO_BYTE_PROFILE;
        extension.write(id);
        extension.write(data.length);
        extension.writeBytes(bytes(data));
        return this;
    }

    TestRtp oneByteString(int id, String s) {
        int[] d = s.chars().toArray();
        return oneByte(id, d);
    }

    byte[] build() {
        return build(0);
    }

    /** Builds with {@code tailroom} spare bytes after the packet. */
    byte[] build(int tailroom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | (padding > 0 ? 0x20 : 0) | (extensionProfile >= 0 ? 0x10 : 0) | csrcs.length);
        out.write((marker ? 0x80 : 0) | payloadType);
        out.write(seq >> 8);
        out.write(seq);
        u32(out, timestamp);
        u32(out, ssrc);
        for (long c : csrcs) {
            u32(out, c);
        }
        if (extensionProfile >= 0) {
            byte[] ext = extension.toByteArray();
            int words = (ext.length + 3) / 4;
            out.write(extensionProfile >> 8);
            out.write(extensionProfile);
            out.write(words >> 8);
            out.write(words);
            out.writeBytes(ext);
            for (int i = ext.length; i < words * 4; i++) {
                out.write(0);
            }
        }
        out.writeBytes(payload);
        for (int i = 1; i < padding; i++) {
            out.write(0);
        }
        if (padding > 0) {
            out.write(padding);
        }
        out.writeBytes(new byte[tailroom]);
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >> 24));
        out.write((int) (v >> 16));
        out.write((int) (v >> 8));
        out.write((int) v);
    }

    /**
     * The first packet of a VP8 frame as Chrome sends it: X, I (15-bit PictureID), L, T, then the
     * VP8 payload header of a key frame or a delta frame.
     */
    static byte[] vp8Payload(boolean startOfKeyframe, int pictureId, int tl0PicIdx, int tid) {
        int s = 0x10; // start of partition 0: first packet of a frame
        // frame tag: P bit (LSB) 0 = key frame; key frames carry the start code 9d 01 2a
        int[] header = startOfKeyframe
                ? new int[] {0x50, 0x42, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01}
                : new int[] {0x31, 0x0c, 0x00, 0x11, 0x22, 0x33};
        int[] d = {0x80 | s, 0xE0, 0x80 | (pictureId >> 8), pictureId & 0xFF, tl0PicIdx, (tid << 6) | 0x20};
        int[] all = new int[d.length + header.length];
        System.arraycopy(d, 0, all, 0, d.length);
        System.arraycopy(header, 0, all, d.length, header.length);
        return bytes(all);
    }
}
