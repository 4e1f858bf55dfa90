package org.plenum.core.signaling.frame;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the server sends, one record per {@code ns/type}. The record itself is the frame's body,
 * except where {@link #body()} says otherwise. Null fields are left out of the JSON.
 */
public sealed interface ServerMessage {

    String ns();

    String type();

    default Object body() {
        return this;
    }

    // ---- views shared by several messages

    /** A participant as everyone in the room sees them. */
    /**
     * {@code muted}: the microphone is off (by the participant, or by a moderator: then {@code mutedBy} names
     * who). {@code videoMuted}: the camera is off. {@code quality}: 1 (unusable) to 5 (excellent), once known.
     */
    record ParticipantView(String id, String displayName, String role, boolean guest, boolean handRaised,
                           Instant handRaisedAt, boolean muted, boolean connected, boolean videoMuted, String mutedBy,
                           Integer quality) {
    }

    record RaisedHand(String participantId, Instant raisedAt) {
    }

    /** A chat line; {@code to} is set for private messages, which only sender and recipient see. */
    record ChatLine(String id, String from, String fromName, String to,
                    @com.fasterxml.jackson.annotation.JsonProperty("private") boolean isPrivate, String text, Instant sentAt) {
    }

    record WaitingView(String id, String displayName, boolean guest, Instant since) {
    }

    record RoomView(String id, String title, boolean locked, String waitingRoom) {
    }

    // ---- control

    /**
     * The answer to a join: who you are and everything a late joiner needs. {@code waiting} is present
     * for moderators only. {@code plugins} lists the plugins active in this room, each with this
     * participant's join data from its room module ({@code {"id","version","data"}}). {@code recordings}:
     * what plugins record, transcribe or stream right now, so a late joiner sees it at once.
     */
    record Joined(String participantId, String role, String resumeToken, long reconnectGraceSeconds, RoomView room,
                  List<ParticipantView> participants, List<RaisedHand> raisedHands, List<ChatLine> chat,
                  List<WaitingView> waiting, List<com.fasterxml.jackson.databind.util.RawValue> plugins,
                  MediaSettings media, List<RecordingView> recordings) implements ServerMessage {
        public String ns() { return "control"; }
        public String type() { return "joined"; }
    }

    record ParticipantJoined(ParticipantView participant) implements ServerMessage {
        public String ns() { return "control"; }
        public String type() { return "participant_joined"; }
    }

    /** {@code reason}: left, timeout, kicked, banned. */
    record ParticipantLeft(String participantId, String reason) implements ServerMessage {
        public String ns() { return "control"; }
        public String type() { return "participant_left"; }
    }

    /** {@code changed}: which of name, role, muted, hand, connection changed. */
    record ParticipantUpdated(ParticipantView participant, List<String> changed) implements ServerMessage {
        public String ns() { return "control"; }
        public String type() { return "participant_updated"; }
    }

    record RoomUpdated(RoomView room, String by) implements ServerMessage {
        public String ns() { return "control"; }
        public String type() { return "room_updated"; }
    }

    record RoomClosed(String reason, String by) implements ServerMessage {
        public String ns() { return "control"; }
        public String type() { return "room_closed"; }
    }

    /** A recording, transcription or stream a plugin declared; {@code kind}: recording, transcription, streaming. */
    record RecordingView(String id, String kind, String label, String plugin, Instant startedAt) {
    }

    /** To everyone in the room and its waiting room: a plugin started recording. */
    record RecordingStarted(RecordingView recording) implements ServerMessage {
        public String ns() { return "control"; }
        public String type() { return "recording_started"; }
    }

    /**
     * To everyone in the room and its waiting room: a recording ended. {@code reason}: stopped (by the plugin),
     * plugin_disabled, plugin_updated, plugin_failed, meeting_ended.
     */
    record RecordingStopped(RecordingView recording, String reason, Instant endedAt) implements ServerMessage {
        public String ns() { return "control"; }
        public String type() { return "recording_stopped"; }
    }

    // ---- moderation

    /** To the waiting person: who they are, the room, and what is being recorded there (so they know before they enter). */
    record Waiting(String participantId, RoomView room, List<RecordingView> recordings) implements ServerMessage {
        public String ns() { return "moderation"; }
        public String type() { return "waiting"; }
    }

    record WaitingList(List<WaitingView> waiting) implements ServerMessage {
        public String ns() { return "moderation"; }
        public String type() { return "waiting_list"; }
    }

    /** To a person in the waiting room whom a moderator turned away. */
    record Rejected() implements ServerMessage {
        public String ns() { return "moderation"; }
        public String type() { return "rejected"; }
    }

    /** To a participant a moderator removed; {@code reason}: kicked or banned. */
    record Removed(String reason) implements ServerMessage {
        public String ns() { return "moderation"; }
        public String type() { return "removed"; }
    }

    // ---- chat

    record Message(ChatLine message) implements ServerMessage {
        public String ns() { return "chat"; }
        public String type() { return "message"; }
        public Object body() { return message; }
    }

    record Cleared(String by) implements ServerMessage {
        public String ns() { return "chat"; }
        public String type() { return "cleared"; }
    }

    // ---- media

    /** The answer to {@code media/publish}. */
    record MediaAnswer(String sdp) implements ServerMessage {
        public String ns() { return "media"; }
        public String type() { return "answer"; }
    }

    /** A track of a subscribe offer: who sends on the transceiver with this mid, and what. */
    record MediaTrack(String mid, String participantId, String source) {
    }

    /** A (re-)offer for the subscribe connection; answer with {@code media/answer} and the same version. */
    record MediaOffer(String sdp, long version, List<MediaTrack> tracks) implements ServerMessage {
        public String ns() { return "media"; }
        public String type() { return "offer"; }
    }

    record DominantSpeaker(String participantId) implements ServerMessage {
        public String ns() { return "media"; }
        public String type() { return "dominant_speaker"; }
    }

    /** This participant's own connection quality. */
    record MediaQuality(int score, double loss, int rttMs, int jitterMs) implements ServerMessage {
        public String ns() { return "media"; }
        public String type() { return "quality"; }
    }

    /** The media connection ended; the client may publish again to start over. */
    record MediaFailed(String reason) implements ServerMessage {
        public String ns() { return "media"; }
        public String type() { return "failed"; }
    }

    /** Media settings in the join snapshot: ICE servers (TURN, when configured) and last-N. */
    record MediaSettings(List<IceServer> iceServers, int lastN) {
    }

    record IceServer(List<String> urls, String username, String credential) {
    }

    // ---- plugins

    /** A frame in a plugin's namespace (or a plugin notice in {@code control}); the body is JSON the plugin made. */
    record Raw(String ns, String type, String bodyJson) implements ServerMessage {
        public Object body() { return new com.fasterxml.jackson.databind.util.RawValue(bodyJson); }
    }

    /** A refusal by a plugin, with the plugin's own code. */
    record PluginError(String ns, String code, String message) implements ServerMessage {
        public String type() { return "error"; }
        public Object body() { return Map.of("code", code, "message", message); }
    }

    // ---- generic answers

    /** The direct answer to a request that carried an {@code id} and had no other direct answer. */
    record Ok(String ns) implements ServerMessage {
        public String type() { return "ok"; }
        public Object body() { return Map.of(); }
    }

    record Error(String ns, ErrorCode code, String message) implements ServerMessage {
        public String type() { return "error"; }
        public Object body() { return Map.of("code", code.code(), "message", message); }
    }
}
