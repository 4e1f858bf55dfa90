package org.plenum.api.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A recording's label is shown to everyone, so only plain, short text passes. */
class RecordingLabelTest {

    @Test
    void plainLabelsAreStrippedAndAccepted() {
        assertThat(Recording.checkLabel("  Ratssitzung (Audio)  ")).isEqualTo("Ratssitzung (Audio)");
        assertThat(Recording.checkLabel("Übertragung ins Bürgerbüro – 🎙")).isEqualTo("Übertragung ins Bürgerbüro – 🎙");
        assertThat(Recording.checkLabel("x".repeat(Recording.MAX_LABEL_LENGTH))).hasSize(100);
    }

    @Test
    void missingOrBlankLabelsAreRefused() {
        assertThatThrownBy(() -> Recording.checkLabel(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a label");
        assertThatThrownBy(() -> Recording.checkLabel(" \t ")).hasMessageContaining("needs a label");
    }

    @Test
    void oversizedLabelsAreRefusedCountingCharactersNotBytes() {
        assertThatThrownBy(() -> Recording.checkLabel("x".repeat(101))).hasMessageContaining("at most 100 characters, but has 101");
        assertThat(Recording.checkLabel("🎙".repeat(100))).hasSize(200);   // 100 characters, 200 UTF-16 units
    }

    @Test
    void hostileCharactersAreRefused() {
        assertThatThrownBy(() -> Recording.checkLabel("Aufnahme\nläuft nicht")).hasMessageContaining("U+000A");
        // a right-to-left override could make "recording" read as something else
        assertThatThrownBy(() -> Recording.checkLabel("Audio \u202Egnidrocer")).hasMessageContaining("U+202E");
        assertThatThrownBy(() -> Recording.checkLabel("zero\u200Bwidth")).hasMessageContaining("U+200B");
        assertThatThrownBy(() -> Recording.checkLabel("lone \uD800 surrogate")).hasMessageContaining("U+D800");
        assertThatThrownBy(() -> Recording.checkLabel("nul\u0000")).hasMessageContaining("U+0000");
    }

    @Test
    void kindsHaveStableWireNames() {
        assertThat(RecordingKind.RECORDING.wireName()).isEqualTo("recording");
        assertThat(RecordingKind.TRANSCRIPTION.wireName()).isEqualTo("transcription");
        assertThat(RecordingKind.STREAMING.wireName()).isEqualTo("streaming");
    }
}
