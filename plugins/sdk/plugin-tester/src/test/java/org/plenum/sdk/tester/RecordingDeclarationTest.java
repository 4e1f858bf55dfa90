package org.plenum.sdk.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Recording;
import org.plenum.api.room.RecordingKind;
import org.plenum.api.room.Role;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;
import org.junit.jupiter.api.Test;

/** Plugin authors test that their module declares what it records, and that it ends with the module. */
class RecordingDeclarationTest {

    /** Records on a moderator's "start" and stops on "stop"; any other label comes from the message. */
    static final class Recorder implements RoomModule {
        private final RoomContext room;
        private Recording recording;

        Recorder(RoomContext room) {
            this.room = room;
        }

        @Override
        public void onMessage(InboundMessage message) {
            if (!message.sender().isModerator()) {
                throw MessageRefusedException.forbidden("only moderators start or stop a recording");
            }
            switch (message.type()) {
                case "start" -> {
                    try {
                        recording = room.startRecording(RecordingKind.RECORDING, message.body().optString("label").orElse("Sitzung"));
                        room.sendToAll("recording", JsonObject.of("id", recording.id()));
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        throw MessageRefusedException.invalidRequest(e.getMessage());
                    }
                }
                case "stop" -> recording.stop();
                default -> throw MessageRefusedException.unknownType(message);
            }
        }
    }

    @Test
    void aDeclaredRecordingIsActiveUntilTheModuleStopsIt() {
        PluginTester tester = PluginTester.of("recorder", Recorder::new);
        SimulatedParticipant chair = tester.join("Vorsitz", Role.MODERATOR);

        chair.send("start", JsonObject.of("label", "  Ratssitzung (Audio) "));
        tester.advance(Duration.ofMinutes(5));
        chair.send("stop");

        DeclaredRecording rec = tester.recordings().getFirst();
        assertThat(rec.kind()).isEqualTo(RecordingKind.RECORDING);
        assertThat(rec.label()).isEqualTo("Ratssitzung (Audio)");
        assertThat(rec.endReason()).contains("stopped");
        assertThat(Duration.between(rec.startedAt(), rec.endedAt().orElseThrow())).isEqualTo(Duration.ofMinutes(5));
        assertThat(tester.activeRecordings()).isEmpty();
    }

    @Test
    void stoppingThePluginEndsWhatItDeclared() {
        PluginTester tester = PluginTester.of("recorder", Recorder::new);
        tester.join("Vorsitz", Role.MODERATOR).send("start");
        assertThat(tester.activeRecordings()).hasSize(1);

        tester.stopPlugin();

        assertThat(tester.activeRecordings()).isEmpty();
        assertThat(tester.recordings().getFirst().endReason()).contains("plugin_disabled");
    }

    @Test
    void theEndOfTheMeetingEndsIt() {
        PluginTester tester = PluginTester.of("recorder", Recorder::new);
        tester.join("Vorsitz", Role.MODERATOR).send("start");

        tester.closeRoom();

        assertThat(tester.recordings().getFirst().endReason()).contains("meeting_ended");
    }

    @Test
    void aModuleMayDeclareFromItsConstructorAndAFactoryWithoutAModuleLeavesNoneActive() {
        PluginTester declaresAtOnce = PluginTester.of("recorder", room -> {
            room.startRecording(RecordingKind.TRANSCRIPTION, "Untertitel");
            return new Recorder(room);
        });
        assertThat(declaresAtOnce.activeRecordings()).singleElement().extracting(DeclaredRecording::kind).isEqualTo(RecordingKind.TRANSCRIPTION);

        PluginTester declines = PluginTester.forModule("recorder", room -> {
            room.startRecording(RecordingKind.RECORDING, "never shown");
            return java.util.Optional.empty();
        }).start();
        assertThat(declines.activeRecordings()).isEmpty();
        assertThat(declines.recordings().getFirst().endReason()).contains("plugin_failed");
    }

    @Test
    void badLabelsAndTooManyRecordingsAreRefusedAsTheHostWould() {
        PluginTester tester = PluginTester.of("recorder", Recorder::new);
        SimulatedParticipant chair = tester.join("Vorsitz", Role.MODERATOR);

        chair.send("start", JsonObject.of("label", "x\u202Ey"));
        assertThat(chair.lastReceived().body().getString("message")).contains("U+202E");
        for (int i = 0; i < RoomContext.MAX_ACTIVE_RECORDINGS; i++) {
            chair.send("start");
        }
        chair.send("start");

        assertThat(chair.lastReceived().body().getString("message")).contains("already has 4 active recordings");
        assertThat(tester.activeRecordings()).hasSize(4);
    }
}
