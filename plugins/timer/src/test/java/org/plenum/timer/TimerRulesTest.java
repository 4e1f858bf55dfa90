package org.plenum.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SentMessage;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Permissions, the room's state, hostile input and the join snapshot: refusals are clear and change nothing. */
class TimerRulesTest {

    private PluginTester tester;
    private SimulatedParticipant chair;
    private SimulatedParticipant ben;

    @BeforeEach
    void aMeeting() {
        tester = PluginTester.forPlugin(new TimerPlugin()).start();
        chair = tester.join("Chair", Role.MODERATOR);
        ben = tester.join("Ben", Role.PARTICIPANT);
    }

    @Test
    void onlyModeratorsStartTimers() {
        ben.sendWithId("c-1", "start", TimerTest.COFFEE);

        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", "forbidden", "message", "only moderators can start a timer"));
        assertThat(ben.lastReceived().re()).contains("c-1");
        assertThat(chair.received()).isEmpty();
        assertThat(tester.module(TimerModule.class).isRunning()).isFalse();

        SimulatedParticipant guest = tester.joinGuest("Gast");
        guest.send("start", TimerTest.COFFEE);
        assertThat(guest.lastReceived().errorCode()).contains("forbidden");
    }

    @Test
    void onlyModeratorsStopTimers() {
        chair.send("start", TimerTest.COFFEE);

        ben.send("stop", JsonObject.of());

        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", "forbidden", "message", "only moderators can stop the timer"));
        assertThat(tester.module(TimerModule.class).isRunning()).isTrue();
        assertThat(tester.sent("ended")).isEmpty();
    }

    @Test
    void aModeratorWhoBecomesAParticipantCanNoLongerStart() {
        chair.changeRole(Role.PARTICIPANT);
        chair.send("start", TimerTest.COFFEE);
        assertThat(chair.lastReceived().errorCode()).contains("forbidden");

        ben.changeRole(Role.MODERATOR);
        ben.send("start", TimerTest.COFFEE);
        assertThat(ben.lastReceived().type()).isEqualTo("started");
    }

    @Test
    void oneTimerAtATimeAndNothingToStopOrBeReadyForWithoutOne() {
        chair.send("stop", JsonObject.of());
        assertThat(chair.lastReceived().body()).isEqualTo(JsonObject.of("code", "conflict", "message", "no timer is running"));
        ben.send("ready", JsonObject.of("ready", true));
        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", "conflict", "message", "no timer is running"));

        chair.send("start", TimerTest.COFFEE);
        chair.send("start", JsonObject.of("kind", "stopwatch"));
        assertThat(chair.lastReceived().body()).isEqualTo(JsonObject.of("code", "conflict", "message",
                "a timer is running; stop it before starting another"));
        assertThat(tester.sent("started")).hasSize(1);
    }

    static List<Arguments> badStarts() {
        return List.of(
                Arguments.of("no kind", JsonObject.of("durationSeconds", 60), "invalid_message", "field 'kind' is missing"),
                Arguments.of("kind a number", JsonObject.of("kind", 1, "durationSeconds", 60), "invalid_message",
                        "field 'kind': expected a string, found a number"),
                Arguments.of("unknown kind", JsonObject.of("kind", "hourglass", "durationSeconds", 60), "invalid_request",
                        "kind must be 'countdown' or 'stopwatch', not 'hourglass'"),
                Arguments.of("countdown without duration", JsonObject.of("kind", "countdown"), "invalid_message",
                        "field 'durationSeconds' is missing (a countdown needs it)"),
                Arguments.of("duration a string", JsonObject.of("kind", "countdown", "durationSeconds", "600"), "invalid_message",
                        "field 'durationSeconds': expected a number, found a string"),
                Arguments.of("duration zero", JsonObject.of("kind", "countdown", "durationSeconds", 0), "invalid_request",
                        "durationSeconds must be from 1 to 86400, not 0"),
                Arguments.of("duration over a day", JsonObject.of("kind", "countdown", "durationSeconds", 86_401), "invalid_request",
                        "durationSeconds must be from 1 to 86400, not 86401"),
                Arguments.of("duration beyond int", JsonObject.of("kind", "countdown", "durationSeconds", Long.MAX_VALUE), "invalid_message",
                        "field 'durationSeconds': expected a whole number between -2147483648 and 2147483647, found 9223372036854775807"),
                Arguments.of("stopwatch with duration", JsonObject.of("kind", "stopwatch", "durationSeconds", 60), "invalid_request",
                        "a stopwatch has no duration; leave durationSeconds out"),
                Arguments.of("title too long", JsonObject.of("kind", "stopwatch", "title", "t".repeat(101)), "invalid_request",
                        "the title may have at most 100 characters, not 101"),
                Arguments.of("title a list", JsonObject.of("kind", "stopwatch", "title", JsonArray.of("a")), "invalid_message",
                        "field 'title': expected a string, found an array"),
                Arguments.of("anonymousReady a string", JsonObject.of("kind", "stopwatch", "anonymousReady", "yes"), "invalid_message",
                        "field 'anonymousReady': expected true or false, found a string"),
                Arguments.of("an unknown field", JsonObject.of("kind", "stopwatch", "sound", "gong"), "invalid_message",
                        "field 'sound' is not part of this message; its fields are anonymousReady, durationSeconds, kind, title"),
                Arguments.of("a huge unknown field", JsonObject.of("kind", "stopwatch", "x".repeat(10_000), JsonArray.from(Collections.nCopies(10_000, 1))),
                        "invalid_message", "field '" + "x".repeat(40) + "…' is not part of this message; its fields are anonymousReady, "
                                + "durationSeconds, kind, title"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStarts")
    void aBadStartIsRefusedAndStartsNothing(String what, JsonObject body, String code, String message) {
        chair.sendWithId("c-2", "start", body);

        SentMessage answer = chair.lastReceived();
        assertThat(answer.body()).isEqualTo(JsonObject.of("code", code, "message", message));
        assertThat(answer.re()).contains("c-2");
        assertThat(ben.received()).isEmpty();
        assertThat(tester.module(TimerModule.class).isRunning()).isFalse();
    }

    static List<Arguments> badReadies() {
        return List.of(
                Arguments.of("no ready field", JsonObject.of(), "invalid_message", "field 'ready' is missing"),
                Arguments.of("ready a string", JsonObject.of("ready", "true"), "invalid_message",
                        "field 'ready': expected true or false, found a string"),
                Arguments.of("ready null", JsonObject.builder().put("ready", null).build(), "invalid_message",
                        "field 'ready': expected true or false, found null"),
                Arguments.of("ready for someone else", JsonObject.of("ready", true, "participantId", "p1"), "invalid_message",
                        "field 'participantId' is not part of this message; its fields are ready"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReadies")
    void aBadReadyIsRefusedAndChangesNothing(String what, JsonObject body, String code, String message) {
        chair.send("start", TimerTest.COFFEE);

        ben.send("ready", body);

        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", code, "message", message));
        assertThat(tester.sent("ready_changed")).isEmpty();
    }

    @Test
    void stopTakesNoFields() {
        chair.send("start", TimerTest.COFFEE);

        chair.send("stop", JsonObject.of("reason", "lunch"));

        assertThat(chair.lastReceived().errorCode()).contains("invalid_message");
        assertThat(tester.module(TimerModule.class).isRunning()).isTrue();
    }

    @Test
    void unknownTypesAreRefusedByName() {
        ben.send("pause");
        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", "unknown_type", "message", "no message type 'pause' here"));
    }

    @Test
    void withoutATimerTheSnapshotIsEmpty() {
        assertThat(tester.join("Dora", Role.PARTICIPANT).joinSnapshot()).isEmpty();
    }

    @Test
    void aLateJoinerSeesTheTimerTheServerTimeAndWhoIsReady() {
        chair.send("start", TimerTest.COFFEE);
        JsonObject timer = chair.lastReceived().body().getObject("timer");
        ben.send("ready", JsonObject.of("ready", true));
        tester.advance(java.time.Duration.ofMinutes(3));

        SimulatedParticipant dora = tester.join("Dora", Role.PARTICIPANT);

        assertThat(dora.joinSnapshot().orElseThrow()).isEqualTo(JsonObject.builder().put("timer", timer)
                .put("serverTime", "2026-01-05T09:03:00Z").put("youAreReady", false).put("readyCount", 1).put("total", 3)
                .put("allReady", false).put("ready", JsonArray.of(JsonObject.of("participantId", ben.id(), "name", "Ben"))).build());
        ben.disconnect();
        ben.reconnect();
        assertThat(ben.joinSnapshot().orElseThrow().getBoolean("youAreReady")).isTrue();
    }

    @Test
    void anAnonymousTimersSnapshotNamesNobody() {
        chair.send("start", TimerTest.COFFEE.with("anonymousReady", true));
        ben.send("ready", JsonObject.of("ready", true));

        JsonObject snapshot = tester.join("Dora", Role.PARTICIPANT).joinSnapshot().orElseThrow();

        assertThat(snapshot.getInt("readyCount")).isEqualTo(1);
        assertThat(snapshot.has("ready")).isFalse();
    }
}
