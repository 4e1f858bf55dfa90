package org.plenum.api.room;

/**
 * What a plugin does with the room's media that everyone in it must know about
 * ({@link RoomContext#startRecording}). Each kind has its own wire name and its own words in the
 * web client ("Recording", "Transcription", "Live stream").
 * {@snippet :
 * Recording rec = room.startRecording(RecordingKind.TRANSCRIPTION, "Live captions (German)");
 * }
 * More kinds may come in minor API versions; a {@code switch} needs a {@code default} branch.
 */
public enum RecordingKind {
    /** Audio and/or video is stored. */
    RECORDING("recording"),
    /** Speech is turned into text that is kept or shown (captions, minutes). */
    TRANSCRIPTION("transcription"),
    /** Audio and/or video leaves the meeting for an audience outside it. */
    STREAMING("streaming");

    private final String wireName;

    RecordingKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in signaling frames and audit records: {@code recording}, {@code transcription}, {@code streaming}. */
    public String wireName() {
        return wireName;
    }
}
