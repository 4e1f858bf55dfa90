package org.plenum.media.sdp;

import java.util.List;
import java.util.Map;

/**
 * Choices for answering a publisher.
 *
 * @param sourceHints what each track shows, keyed by mid or by msid track id (signaling learns either from the
 *                    client); tracks without a hint get {@link TrackSource#UNKNOWN}, or SCREEN for
 *                    {@code a=content:slides}
 * @param videoCodecs video codecs in order of preference; the answer picks one per m-line so that every subscriber
 *                    receives the codec its offer announced
 * @param sessionVersion the o= line's version: 1 for the first answer on a PeerConnection, higher for re-answers
 * @param transportWideCc whether to accept transport-cc (rtcp-fb and header extension). Only when the engine sends
 *                        transport-cc feedback to publishers: once negotiated, Chrome's send-side estimate ignores
 *                        REMB and waits for that feedback
 */
public record PublishOptions(Map<String, TrackSource> sourceHints, List<Codec> videoCodecs, long sessionVersion,
                             boolean transportWideCc) {

    public PublishOptions {
        sourceHints = Map.copyOf(sourceHints);
        videoCodecs = List.copyOf(videoCodecs);
        if (videoCodecs.stream().anyMatch(c -> c.kind() != MediaKind.VIDEO)) {
            throw new IllegalArgumentException("videoCodecs must be video codecs: " + videoCodecs);
        }
        if (sessionVersion < 0) {
            throw new IllegalArgumentException("sessionVersion must not be negative");
        }
    }

    /** VP8 first (every browser encodes it with simulcast), then H.264; no hints; version 1; transport-cc on. */
    public static PublishOptions defaults() {
        return new PublishOptions(Map.of(), List.of(Codec.VP8, Codec.H264), 1, true);
    }

    public PublishOptions withSourceHints(Map<String, TrackSource> hints) {
        return new PublishOptions(hints, videoCodecs, sessionVersion, transportWideCc);
    }

    public PublishOptions withVideoCodecs(List<Codec> codecs) {
        return new PublishOptions(sourceHints, codecs, sessionVersion, transportWideCc);
    }

    public PublishOptions withSessionVersion(long version) {
        return new PublishOptions(sourceHints, videoCodecs, version, transportWideCc);
    }

    public PublishOptions withTransportWideCc(boolean enabled) {
        return new PublishOptions(sourceHints, videoCodecs, sessionVersion, enabled);
    }
}
