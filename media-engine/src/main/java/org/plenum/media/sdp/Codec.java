package org.plenum.media.sdp;

/**
 * The codecs the engine forwards, with the fixed payload types it uses in its own offers to subscribers
 * (the same numbers Chrome uses, which keeps captures easy to read). Publishers keep their own numbers.
 */
public enum Codec {
    OPUS(MediaKind.AUDIO, "opus", 48000, 2, 111, -1, "minptime=10;useinbandfec=1"),
    VP8(MediaKind.VIDEO, "VP8", 90000, 1, 96, 97, ""),
    /** Packetization mode 1 only (FU-A/STAP-A); constrained baseline is what every browser decodes. */
    H264(MediaKind.VIDEO, "H264", 90000, 1, 102, 103,
            "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");

    private final MediaKind kind;
    private final String encodingName;
    private final int clockRate;
    private final int channels;
    private final int subscribePayloadType;
    private final int subscribeRtxPayloadType;
    private final String subscribeFmtp;

    Codec(MediaKind kind, String encodingName, int clockRate, int channels, int subscribePayloadType,
          int subscribeRtxPayloadType, String subscribeFmtp) {
        this.kind = kind;
        this.encodingName = encodingName;
        this.clockRate = clockRate;
        this.channels = channels;
        this.subscribePayloadType = subscribePayloadType;
        this.subscribeRtxPayloadType = subscribeRtxPayloadType;
        this.subscribeFmtp = subscribeFmtp;
    }

    public MediaKind kind() {
        return kind;
    }

    public String encodingName() {
        return encodingName;
    }

    public int clockRate() {
        return clockRate;
    }

    public int channels() {
        return channels;
    }

    /** Payload type in the engine's subscribe offers. */
    public int subscribePayloadType() {
        return subscribePayloadType;
    }

    /** RTX payload type in the engine's subscribe offers, or -1 for audio (no RTX for Opus). */
    public int subscribeRtxPayloadType() {
        return subscribeRtxPayloadType;
    }

    /** fmtp parameters in the engine's subscribe offers; "" for none. */
    public String subscribeFmtp() {
        return subscribeFmtp;
    }

    /** Does this rtpmap describe this codec? */
    boolean matches(RtpMap map) {
        return map.is(encodingName) && map.clockRate() == clockRate && (this != OPUS || map.channels() == 2);
    }
}
