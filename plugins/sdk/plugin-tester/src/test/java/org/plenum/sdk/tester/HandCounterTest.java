package org.plenum.sdk.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.plenum.api.json.JsonObject;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.example.HandCounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The smallest example: a room module tested with simulated participants. */
class HandCounterTest {

    private PluginTester tester;
    private SimulatedParticipant anna;
    private SimulatedParticipant ben;

    @BeforeEach
    void twoPeopleInARoom() {
        tester = PluginTester.of("hand-counter", HandCounter::new);
        anna = tester.join("Anna", Role.MODERATOR);
        ben = tester.join("Ben", Role.PARTICIPANT);
    }

    @Test
    void aRaisedHandIsCountedForEveryone() {
        ben.send("raise");

        assertThat(tester.sent()).extracting(SentMessage::type, SentMessage::recipients)
                .containsExactly(tuple("count", java.util.List.of(anna.id(), ben.id())));
        assertThat(anna.lastReceived().body()).isEqualTo(JsonObject.of("raised", 1));
    }

    @Test
    void raisingTwiceChangesNothing() {
        ben.send("raise");
        ben.send("raise");

        assertThat(tester.sent("count")).hasSize(1);
    }

    @Test
    void aLateJoinerLearnsTheCountFromTheJoinSnapshot() {
        ben.send("raise");

        SimulatedParticipant clara = tester.join("Clara", Role.GUEST);

        assertThat(clara.joinSnapshot()).contains(JsonObject.of("raised", 1, "mine", false));
        assertThat(clara.received()).isEmpty();
    }

    @Test
    void leavingLowersTheHand() {
        ben.send("raise");
        ben.leave(LeaveReason.TIMED_OUT);

        assertThat(anna.lastReceived().body().getInt("raised")).isZero();
        assertThat(ben.isPresent()).isFalse();
    }

    @Test
    void onlyModeratorsLowerEveryonesHandsAndTheRefusalGoesToTheSenderAlone() {
        anna.send("raise");
        tester.clearSent();

        ben.sendWithId("c-7", "lower_all", JsonObject.of());

        assertThat(tester.sent()).singleElement().satisfies(error -> {
            assertThat(error.recipients()).containsExactly(ben.id());
            assertThat(error.errorCode()).contains("forbidden");
            assertThat(error.re()).contains("c-7");
            assertThat(error.body().getString("message")).isEqualTo("only moderators lower everyone's hands");
        });

        anna.send("lower_all");
        assertThat(ben.lastReceived().body().getInt("raised")).isZero();
    }

    @Test
    void unknownTypesAreRefusedAsUnknown() {
        ben.send("wave");

        assertThat(ben.lastReceived().errorCode()).contains("unknown_type");
        assertThat(anna.received()).isEmpty();
    }

    @Test
    void aDisconnectedParticipantMissesMessagesAndCatchesUpOnReconnect() {
        ben.disconnect();
        anna.send("raise");

        assertThat(ben.received()).isEmpty();
        assertThat(tester.participants()).extracting(p -> p.connected()).containsExactly(true, false);

        ben.reconnect();
        assertThat(ben.joinSnapshot()).contains(JsonObject.of("raised", 1, "mine", false));
    }
}
