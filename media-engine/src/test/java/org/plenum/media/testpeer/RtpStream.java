package org.plenum.media.testpeer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One RTP stream a {@link TestPeer} publishes, laid out as Chrome lays it out: a one-byte header extension block
 * with mid (and rid for a simulcast layer) on the first packets only, audio level (RFC 6464) on every audio packet,
 * abs-send-time on every packet; random initial sequence number and timestamp. Every payload ends with a
 * {@link Mark} naming the stream and the source sequence number, so a test can tell what a subscriber got.
 * Not thread-safe: one sender thread per stream.
 */
public final class RtpStream {

    /** How many first packets carry mid/rid, like Chrome before its first receiver report. */
    public static final int ANNOUNCED_PACKETS = 10;

    private final long ssrc;
    private final int payloadType;
    private final String mid;
    private final String rid;
    private final int tag;
    private int seq = ThreadLocalRandom.current().nextInt(0x10000);
    private long timestamp = ThreadLocalRandom.current().nextLong(0x1_0000_0000L);
    private int pictureId = ThreadLocalRandom.current().nextInt(0x8000);
    private int sent;

    private RtpStream(boolean video, long ssrc, int payloadType, String mid, String rid, int tag) {
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.mid = mid;
        this.rid = rid;
        this.tag = tag;
    }

    /** An Opus stream (48 kHz, 20 ms frames). */
    public static RtpStream audio(long ssrc, int payloadType, String mid, int tag) {
        return new RtpStream(false, ssrc, payloadType, mid, null, tag);
    }

    /** A VP8 stream (90 kHz); {@code rid} null for a single encoding. */
    public static RtpStream video(long ssrc, int payloadType, String mid, String rid, int tag) {
        return new RtpStream(true, ssrc, payloadType, mid, rid, tag);
    }

    public long ssrc() {
        return ssrc;
    }

    public int tag() {
        return tag;
    }

    public String rid() {
        return rid;
    }

    /** Sequence number of the packet built last. */
    public int lastSeq() {
        return (seq - 1) & 0xFFFF;
    }

    /** One 20 ms Opus packet whose audio level is {@code levelDbov} (0 loudest, 127 silence). */
    public synchronized byte[] audioPacket(int levelDbov) {
        byte[] payload = new byte[40];
        payload[0] = 0x78; // an Opus TOC byte (SILK/CELT hybrid, 20 ms); the engine never decodes
        int voice = levelDbov <= 50 ? 0x80 : 0;
        byte[] packet = build(payload, true, 0, new int[] {PublishOfferBuilder.AUDIO_LEVEL_ID, voice | (levelDbov & 0x7F)});
        timestamp += 960;
        return packet;
    }

    /** A VP8 frame in one packet of about {@code size} bytes; a keyframe or a delta frame. */
    public synchronized byte[] videoFrame(boolean keyframe, int size) {
        int descriptor = 4; // X, I with a 15-bit PictureID
        byte[] payload = new byte[Math.max(descriptor + 3 + Mark.LENGTH, size)];
        payload[0] = (byte) 0x90; // X=1, S=1, PID=0: start of a frame
        payload[1] = (byte) 0x80; // I: PictureID present
        payload[2] = (byte) (0x80 | (pictureId >> 8));
        payload[3] = (byte) pictureId;
        // VP8 frame tag: P bit (LSB) 0 = keyframe; key frames carry the start code 9d 01 2a after it
        payload[4] = (byte) (keyframe ? 0x50 : 0x31);
        payload[5] = (byte) 0x42;
        payload[6] = 0;
        byte[] packet = build(payload, true, keyframe ? 1 : 0, null);
        pictureId = (pictureId + 1) & 0x7FFF;
        timestamp += 1800;
        return packet;
    }

    private byte[] build(byte[] payload, boolean marker, int keyframe, int[] audioLevel) {
        int s = seq;
        new Mark(tag, s, keyframe == 1).write(payload);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (sent < ANNOUNCED_PACKETS) {
            element(ext, PublishOfferBuilder.MID_ID, mid.getBytes(StandardCharsets.US_ASCII));
            if (rid != null) {
                element(ext, PublishOfferBuilder.RID_ID, rid.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (audioLevel != null) {
            element(ext, audioLevel[0], new byte[] {(byte) audioLevel[1]});
        }
        long ast = (((System.nanoTime() / 1_000) << 18) / 1_000_000) & 0xFFFFFF;
        element(ext, PublishOfferBuilder.ABS_SEND_TIME_ID, new byte[] {(byte) (ast >> 16), (byte) (ast >> 8), (byte) ast});
        byte[] e = ext.toByteArray();
        int words = (e.length + 3) / 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream(12 + 4 + words * 4 + payload.length);
        out.write(0x90); // V=2, X=1
        out.write((marker ? 0x80 : 0) | payloadType);
        out.write(s >> 8);
        out.write(s);
        u32(out, timestamp);
        u32(out, ssrc);
        out.write(0xBE);
        out.write(0xDE);
        out.write(words >> 8);
        out.write(words);
        out.writeBytes(e);
        out.writeBytes(new byte[words * 4 - e.length]);
        out.writeBytes(payload);
        seq = (seq + 1) & 0xFFFF;
        sent++;
        return out.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, int id, byte[] data) {
        out.write((id << 4) | (data.length - 1));
        out.writeBytes(data);
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >> 24));
        out.write((int) (v >> 16));
        out.write((int) (v >> 8));
        out.write((int) v);
    }

    /**
     * The last {@value #LENGTH} bytes of every payload: 'P', the stream's tag, the source sequence number, and
     * whether the frame is a keyframe. An SFU forwards payloads untouched, so this survives.
     */
    public record Mark(int tag, int sourceSeq, boolean keyframe) {
        static final int LENGTH = 5;

        void write(byte[] payload) {
            int at = payload.length - LENGTH;
            payload[at] = 'P';
            payload[at + 1] = (byte) tag;
            payload[at + 2] = (byte) (sourceSeq >> 8);
            payload[at + 3] = (byte) sourceSeq;
            payload[at + 4] = (byte) (keyframe ? 1 : 0);
        }

        /** The mark at the end of {@code payload}, or null if there is none. */
        static Mark read(byte[] payload) {
            int at = payload.length - LENGTH;
            if (at < 0 || payload[at] != 'P') {
                return null;
            }
            return new Mark(payload[at + 1] & 0xFF, ((payload[at + 2] & 0xFF) << 8) | (payload[at + 3] & 0xFF),
                    payload[at + 4] == 1);
        }
    }
}
