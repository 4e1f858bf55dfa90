package org.plenum.sdk.tester;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.plenum.api.room.Recording;
import org.plenum.api.room.RecordingKind;

/**
 * A recording the module declared with {@code RoomContext.startRecording}, as the tester saw it: the
 * host would have shown it to everyone from {@link #startedAt()} until {@link #endedAt()}.
 * {@snippet :
 * tester.send(chair, "start_recording", JsonObject.of());
 * DeclaredRecording rec = tester.activeRecordings().getFirst();
 * assertThat(rec.kind()).isEqualTo(RecordingKind.RECORDING);
 * tester.stopPlugin();
 * assertThat(tester.recordings().getFirst().endReason()).contains("plugin_disabled");
 * }
 *
 * @param endReason {@code stopped} (the module ended it), {@code plugin_disabled} ({@link PluginTester#stopPlugin()})
 *                  or {@code meeting_ended} ({@link PluginTester#closeRoom()}); empty while active
 */
public record DeclaredRecording(String id, RecordingKind kind, String label, Instant startedAt, Optional<Instant> endedAt,
                                Optional<String> endReason) {

    public DeclaredRecording {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(endReason, "endReason");
    }

    public boolean active() {
        return endReason.isEmpty();
    }

    /** The handle the module holds, kept by the tester's room. */
    static final class Handle implements Recording {
        private final String id;
        private final RecordingKind kind;
        private final String label;
        private final Instant startedAt;
        private final Runnable checkUse;
        private final java.util.function.Supplier<Instant> clock;
        Instant endedAt;
        String endReason;

        Handle(String id, RecordingKind kind, String label, Instant startedAt, Runnable checkUse,
               java.util.function.Supplier<Instant> clock) {
            this.id = id;
            this.kind = kind;
            this.label = label;
            this.startedAt = startedAt;
            this.checkUse = checkUse;
            this.clock = clock;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public RecordingKind kind() {
            return kind;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public Instant startedAt() {
            return startedAt;
        }

        @Override
        public boolean isActive() {
            return endReason == null;
        }

        @Override
        public void stop() {
            if (endReason != null) {
                return;
            }
            checkUse.run();
            end("stopped");
        }

        void end(String reason) {
            if (endReason == null) {
                endReason = reason;
                endedAt = clock.get();
            }
        }

        DeclaredRecording view() {
            return new DeclaredRecording(id, kind, label, startedAt, Optional.ofNullable(endedAt), Optional.ofNullable(endReason));
        }
    }
}
