package org.plenum.media.engine;

import java.util.List;

/**
 * What the engine tells the signaling layer about one participant. Called on the engine's event loop:
 * implementations hand the call to their own thread and return at once.
 */
public interface MediaListener {

    /**
     * A new offer for the participant's subscribe connection (tracks came or went). The client answers
     * with {@link MediaParticipant#answerSubscribe}; a newer offer replaces an unanswered one.
     */
    void subscribeOffer(String sdp, long version, List<TrackInfo> tracks);

    /** The room's dominant speaker changed (sent to everyone in the room). */
    void dominantSpeaker(String participantId);

    /** This participant's connection quality, every few seconds while it changes. */
    void quality(ConnectionQuality quality);

    /** The media connection ended for a reason the participant should see (consent lost, DTLS failed). */
    void mediaFailed(String reason);
}
