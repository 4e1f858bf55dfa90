package org.plenum.media.sdp;

/**
 * One m-line of a subscribe offer. Once offered, an m-line never goes away (JSEP keeps m-lines for the life of the
 * PeerConnection); when its track leaves, it is offered {@code inactive} and later carries another track of the same
 * kind under the same mid.
 *
 * @param track       the track it carries, or null when inactive
 * @param codec       the codec it offers (the last track's while inactive)
 * @param freedInVersion the offer version that first offered it inactive, 0 if it has a track
 */
public record SubscribeSlot(String mid, MediaKind kind, ForwardedTrack track, Codec codec, long freedInVersion) {

    public boolean isActive() {
        return track != null;
    }
}
