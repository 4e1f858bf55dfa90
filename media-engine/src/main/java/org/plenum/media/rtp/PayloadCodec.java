package org.plenum.media.rtp;

/**
 * The payload formats the forwarder tells apart, and where each may start a stream for a
 * receiver. Audio can be joined at any packet; video only at a keyframe, because a decoder
 * cannot use a delta frame whose reference it never received.
 */
public enum PayloadCodec {
    OPUS(false),
    VP8(true),
    H264(true);

    private final boolean video;

    PayloadCodec(boolean video) {
        this.video = video;
    }

    public boolean isVideo() {
        return video;
    }

    /** Whether a receiver can start decoding at this payload. Garbage yields false, never throws. */
    public boolean isSwitchPoint(byte[] buf, int off, int len) {
        return switch (this) {
            case OPUS -> true;
            case VP8 -> Vp8Descriptor.isKeyframe(buf, off, len);
            case H264 -> H264Nal.isKeyframe(buf, off, len);
        };
    }
}
