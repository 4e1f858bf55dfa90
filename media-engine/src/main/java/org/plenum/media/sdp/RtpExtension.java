package org.plenum.media.sdp;

import java.util.Set;

/** The RTP header extensions the engine reads or writes (RFC 8285 negotiation by URI). */
public enum RtpExtension {
    /** RFC 8843 §15: BUNDLE demultiplexing by mid. */
    MID("urn:ietf:params:rtp-hdrext:sdes:mid", Set.of(MediaKind.AUDIO, MediaKind.VIDEO)),
    /** RFC 8852: simulcast layer by rid. */
    RID("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", Set.of(MediaKind.VIDEO)),
    /** RFC 8852: rid of the stream an RTX packet repairs. */
    REPAIRED_RID("urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id", Set.of(MediaKind.VIDEO)),
    /** RFC 6464: lets the engine see speech without decrypting the payload. */
    AUDIO_LEVEL("urn:ietf:params:rtp-hdrext:ssrc-audio-level", Set.of(MediaKind.AUDIO)),
    ABS_SEND_TIME("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", Set.of(MediaKind.AUDIO, MediaKind.VIDEO)),
    TRANSPORT_CC("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            Set.of(MediaKind.AUDIO, MediaKind.VIDEO));

    private final String uri;
    private final Set<MediaKind> kinds;

    RtpExtension(String uri, Set<MediaKind> kinds) {
        this.uri = uri;
        this.kinds = kinds;
    }

    public String uri() {
        return uri;
    }

    /** Whether the engine accepts this extension on m-lines of that kind. */
    public boolean appliesTo(MediaKind kind) {
        return kinds.contains(kind);
    }

    /** The extension with that URI, or null when the engine does not use it. */
    public static RtpExtension byUri(String uri) {
        for (RtpExtension e : values()) {
            if (e.uri.equals(uri)) {
                return e;
            }
        }
        return null;
    }
}
