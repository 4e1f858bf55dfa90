package org.plenum.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One m-line the engine accepted from a publisher: what to expect on the wire for it.
 *
 * <p>Simulcast comes either as {@code rids} (Chrome and Firefox today: the layers' ssrcs are learned from the rid
 * header extension of the first packets) or as {@code ssrcStreams} in {@code a=ssrc-group:SIM} order (legacy,
 * lowest layer first). A track without simulcast has one ssrc stream, or none when the offer listed no a=ssrc.
 * {@code rids} are in the order of {@code a=simulcast:send}, which for Chrome is the order of its sendEncodings.
 */
public record PublishedTrack(String mid, MediaKind kind, TrackSource source, Optional<Msid> msid, NegotiatedCodec codec,
                             List<String> rids, List<SsrcStream> ssrcStreams, ExtensionIds extensions) {

    public PublishedTrack {
        rids = List.copyOf(rids);
        ssrcStreams = List.copyOf(ssrcStreams);
    }

    public boolean isSimulcast() {
        return rids.size() > 1 || ssrcStreams.size() > 1;
    }
}
