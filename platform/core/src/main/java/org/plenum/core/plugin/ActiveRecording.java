package org.plenum.core.plugin;

import java.time.Instant;

/**
 * A recording, transcription or stream a plugin's module declared in a room, as the room announces it
 * and the audit log keeps it.
 *
 * @param id        the host's id, {@code rec-…}
 * @param kind      {@code recording}, {@code transcription} or {@code streaming}
 * @param label     what people are told it is (checked plain text)
 * @param plugin    the plugin whose module declared it
 * @param startedAt when the room announced it
 */
public record ActiveRecording(String id, String kind, String label, String plugin, Instant startedAt) {
}
