package org.plenum.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * What a publisher's offer, as answered by the engine, says it will send: the remote transport (ICE credentials and
 * DTLS fingerprint to verify) and one {@link PublishedTrack} per accepted sending m-line, in m-line order. Rejected
 * m-lines are listed with their reason.
 */
public record PublishedTracks(RemoteTransport remote, List<PublishedTrack> tracks, List<RejectedMedia> rejected) {

    public PublishedTracks {
        tracks = List.copyOf(tracks);
        rejected = List.copyOf(rejected);
    }

    public Optional<PublishedTrack> byMid(String mid) {
        return tracks.stream().filter(t -> t.mid().equals(mid)).findFirst();
    }
}
