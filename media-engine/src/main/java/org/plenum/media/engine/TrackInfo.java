package org.plenum.media.engine;

/** One m-line of a subscribe offer: which participant's which source arrives on transceiver {@code mid}. */
public record TrackInfo(String mid, String participantId, MediaSource source) {
}
