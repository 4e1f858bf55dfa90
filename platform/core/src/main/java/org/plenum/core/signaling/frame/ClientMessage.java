package org.plenum.core.signaling.frame;

/**
 * Everything a client may send, one record per {@code ns/type}, grouped by namespace. A record only
 * exists after its frame passed the JSON Schema in {@code signaling/schemas/}, so fields are present
 * and well-typed; optional fields are null when absent.
 */
public sealed interface ClientMessage {

    sealed interface Control extends ClientMessage {
    }

    sealed interface Moderation extends ClientMessage {
    }

    sealed interface Chat extends ClientMessage {
    }

    sealed interface Hand extends ClientMessage {
    }

    sealed interface Media extends ClientMessage {
    }

    /** {@code control/join}: either a ticket (with an optional display name) or a resume token. */
    record Join(String ticket, String displayName, String resumeToken) implements Control {
        public boolean isResume() {
            return resumeToken != null;
        }
    }

    /** {@code control/leave}: leaving for good, without a grace period. */
    record Leave() implements Control {
    }

    /** {@code control/update}: the participant changes their own display name. */
    record Rename(String displayName) implements Control {
    }

    record Admit(String participantId) implements Moderation {
    }

    record Reject(String participantId) implements Moderation {
    }

    record Kick(String participantId) implements Moderation {
    }

    record Ban(String participantId) implements Moderation {
    }

    record Mute(String participantId) implements Moderation {
    }

    record Lock() implements Moderation {
    }

    record Unlock() implements Moderation {
    }

    record Promote(String participantId) implements Moderation {
    }

    record Demote(String participantId) implements Moderation {
    }

    record EndMeeting() implements Moderation {
    }

    /** {@code chat/send}: to the room, or privately to one participant when {@code to} is set. */
    record Send(String text, String to) implements Chat {
    }

    record Clear() implements Chat {
    }

    record Raise() implements Hand {
    }

    /** {@code hand/lower}: one's own hand, or (moderators) the named participant's. */
    record Lower(String participantId) implements Hand {
    }

    record LowerAll() implements Hand {
    }

    /**
     * {@code media/publish}: an SDP offer of the participant's publish connection; {@code sources} says which
     * transceiver (by mid) carries the microphone, the camera or the screen. Unnamed ones are guessed.
     */
    record Publish(String sdp, java.util.Map<String, String> sources) implements Media {
    }

    /** {@code media/answer}: the answer to the server's subscribe offer of {@code version}. */
    record SubscribeAnswer(String sdp, long version) implements Media {
    }

    /** {@code media/view}: which participants' video this client shows, at what size. */
    record View(java.util.List<Tile> tiles) implements Media {
        public record Tile(String participantId, String source, int width, int height) {
        }
    }

    /** {@code media/audio_only}: receive no video at all (thin links). */
    record AudioOnly(boolean enabled) implements Media {
    }

    /** {@code media/mute_state}: the participant's own microphone and camera state, for everyone to see. */
    record MuteState(Boolean audio, Boolean video) implements Media {
    }
}
