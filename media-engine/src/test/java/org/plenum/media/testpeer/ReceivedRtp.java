package org.plenum.media.testpeer;

import org.plenum.media.rtp.RtpPacket;
import org.plenum.media.rtp.Vp8Descriptor;

/**
 * One RTP packet a {@link TestPeer} received: the decrypted packet, the SRTP bytes as they arrived, and when.
 * The payload readers understand what {@link RtpStream} writes, so a test can tell which publisher, layer and
 * source packet an outgoing packet came from.
 */
public record ReceivedRtp(byte[] plain, byte[] wire, long atNanos) {

    private RtpPacket packet() {
        return RtpPacket.parse(plain, 0, plain.length);
    }

    public long ssrc() {
        return packet().ssrc();
    }

    public int payloadType() {
        return packet().payloadType();
    }

    public int seq() {
        return packet().sequenceNumber();
    }

    public long timestamp() {
        return packet().timestamp();
    }

    public boolean marker() {
        return packet().marker();
    }

    public int payloadOffset() {
        return packet().payloadOffset();
    }

    public int payloadLength() {
        return packet().payloadLength();
    }

    /** The payload bytes (without padding). */
    public byte[] payload() {
        RtpPacket p = packet();
        return java.util.Arrays.copyOfRange(plain, p.payloadOffset(), p.payloadOffset() + p.payloadLength());
    }

    /** For VP8 packets written by {@link RtpStream}: whether this starts a keyframe. */
    public boolean vp8Keyframe() {
        RtpPacket p = packet();
        return Vp8Descriptor.isKeyframe(plain, p.payloadOffset(), p.payloadLength());
    }

    /** The PictureID of a VP8 packet, or -1. */
    public int vp8PictureId() {
        RtpPacket p = packet();
        Vp8Descriptor d = new Vp8Descriptor();
        return d.wrap(plain, p.payloadOffset(), p.payloadLength()) ? d.pictureId() : -1;
    }

    /** The mark {@link RtpStream} put into the payload: which stream (publisher's layer) this came from. */
    public RtpStream.Mark mark() {
        return RtpStream.Mark.read(payload());
    }

    @Override
    public String toString() {
        RtpPacket p = packet();
        return "rtp[ssrc=" + p.ssrc() + " pt=" + p.payloadType() + " seq=" + p.sequenceNumber() + " ts=" + p.timestamp()
                + " " + mark() + "]";
    }
}
