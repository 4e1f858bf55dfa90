package org.plenum.api.room;

import java.time.Instant;

/**
 * A recording, transcription or stream that a plugin's room module declared with
 * {@link RoomContext#startRecording}: while it is active, everyone in the room (and everyone who
 * joins) sees it in the meeting view, and the host keeps it in the audit log.
 *
 * <p>The declaration belongs to the module, not to the plugin's good will: when the module is
 * stopped for any reason (the plugin is disabled, updated or uninstalled, its circuit breaker trips,
 * a call hangs, the meeting ends) the host ends the recording itself and tells everyone. A plugin
 * that goes on storing media after its module is gone has no declaration left to hide behind.
 * {@snippet :
 * case "start_recording" -> {
 *     if (!message.sender().isModerator()) {
 *         throw MessageRefusedException.forbidden("only moderators start a recording");
 *     }
 *     recording = room.startRecording(RecordingKind.RECORDING, "Ratssitzung (Audio)");
 *     recorder.begin(recording.id());      // only after everyone can see it
 * }
 * case "stop_recording" -> {
 *     recorder.end();
 *     recording.stop();
 * }
 * }
 * Implemented by the host (and by the {@code PluginTester}).
 */
public interface Recording {

    /** The longest label, in characters. */
    int MAX_LABEL_LENGTH = 100;

    /** The host's id for this recording ({@code rec-…}), unique within the server; also in the audit record. */
    String id();

    /** What is done with the room's media. */
    RecordingKind kind();

    /** What people are told it is, as given to {@link RoomContext#startRecording} (stripped). */
    String label();

    /** When the host announced it. */
    Instant startedAt();

    /**
     * Whether everyone is still being shown this recording: false after {@link #stop()} and after the
     * host ended it with the module. Readable from any thread.
     */
    boolean isActive();

    /**
     * Ends the recording: everyone is told, the audit log notes it. Idempotent; a no-op once the host
     * has ended it. On the room's thread, like every other use of the room.
     */
    void stop();

    /**
     * Checks a label: 1 to {@value #MAX_LABEL_LENGTH} characters after stripping, with no control
     * or format characters (no line breaks, no bidirectional overrides that could make it read as
     * something else in the indicator).
     *
     * @return the stripped label
     * @throws IllegalArgumentException naming the problem
     */
    static String checkLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a recording needs a label that tells people what is recorded, e.g. \"Ratssitzung (Audio)\"");
        }
        String stripped = label.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("a recording's label may have at most " + MAX_LABEL_LENGTH + " characters, but has " + length);
        }
        stripped.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE) {
                throw new IllegalArgumentException("a recording's label must be plain text, but has U+"
                        + String.format("%04X", c) + " (a control, format or unassigned character)");
            }
        });
        return stripped;
    }
}
