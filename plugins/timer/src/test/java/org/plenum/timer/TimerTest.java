package org.plenum.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SentMessage;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Countdowns, stopwatches and who is ready, on the tester's virtual clock. */
class TimerTest {

    static final JsonObject COFFEE = JsonObject.of("kind", "countdown", "title", "Kaffeepause", "durationSeconds", 900);

    private PluginTester tester;
    private SimulatedParticipant chair;
    private SimulatedParticipant ben;
    private SimulatedParticipant clara;

    @BeforeEach
    void aMeeting() {
        tester = PluginTester.forPlugin(new TimerPlugin()).start();
        chair = tester.join("Chair", Role.MODERATOR);
        ben = tester.join("Ben", Role.PARTICIPANT);
        clara = tester.join("Clara", Role.PARTICIPANT);
    }

    @Test
    void aCountdownIsAnnouncedToEveryoneWithItsEnd() {
        tester.advance(Duration.ofSeconds(5));
        chair.send("start", COFFEE);

        SentMessage started = ben.lastReceived();
        assertThat(started.type()).isEqualTo("started");
        assertThat(started.recipients()).containsExactly(chair.id(), ben.id(), clara.id());
        assertThat(started.body().getString("serverTime")).isEqualTo("2026-01-05T09:00:05Z");
        JsonObject timer = started.body().getObject("timer");
        assertThat(timer.without("id")).isEqualTo(JsonObject.builder().put("kind", "countdown").put("title", "Kaffeepause")
                .put("startedAt", "2026-01-05T09:00:05Z").put("durationSeconds", 900).put("endsAt", "2026-01-05T09:15:05Z")
                .put("anonymousReady", false).put("startedBy", JsonObject.of("participantId", chair.id(), "name", "Chair")).build());
    }

    @Test
    void theCountdownEndsOnTheRoomsTimerAndTellsEveryone() {
        chair.send("start", COFFEE);
        String id = chair.lastReceived().body().getObject("timer").getString("id");
        ben.send("ready", JsonObject.of("ready", true));

        tester.advance(Duration.ofSeconds(899));
        assertThat(tester.sent("ended")).isEmpty();
        tester.advance(Duration.ofSeconds(1));

        SentMessage ended = tester.sent("ended").getLast();
        assertThat(ended.sentAt()).isEqualTo("2026-01-05T09:15:00Z");
        assertThat(ended.recipients()).containsExactly(chair.id(), ben.id(), clara.id());
        assertThat(ended.body()).isEqualTo(JsonObject.builder().put("timerId", id).put("reason", "elapsed")
                .put("endedAt", "2026-01-05T09:15:00Z").put("elapsedSeconds", 900).put("readyCount", 1).put("total", 3).build());
        assertThat(tester.module(TimerModule.class).isRunning()).isFalse();
    }

    @Test
    void aStopwatchRunsUntilAModeratorStopsIt() {
        chair.send("start", JsonObject.of("kind", "stopwatch", "title", "Redezeit"));
        JsonObject timer = chair.lastReceived().body().getObject("timer");
        assertThat(timer.has("endsAt")).isFalse();
        assertThat(timer.has("durationSeconds")).isFalse();

        tester.advance(Duration.ofMinutes(7));
        chair.sendWithId("c-3", "stop", JsonObject.of());

        SentMessage ended = tester.sent("ended").getLast();
        assertThat(ended.body().getString("reason")).isEqualTo("stopped");
        assertThat(ended.body().getLong("elapsedSeconds")).isEqualTo(420);
        assertThat(ended.body().getObject("stoppedBy")).isEqualTo(JsonObject.of("participantId", chair.id(), "name", "Chair"));
        tester.advance(Duration.ofDays(2));
        assertThat(tester.sent("ended")).hasSize(1);
    }

    @Test
    void aForgottenStopwatchStopsAfterADay() {
        chair.send("start", JsonObject.of("kind", "stopwatch"));

        tester.advance(TimerModule.LIMIT);

        assertThat(tester.sent("ended")).singleElement().satisfies(m -> {
            assertThat(m.body().getString("reason")).isEqualTo("limit_reached");
            assertThat(m.body().getLong("elapsedSeconds")).isEqualTo(86_400);
        });
    }

    @Test
    void aCountdownStoppedEarlyDoesNotEndTheNextTimer() {
        chair.send("start", COFFEE);
        chair.send("stop", JsonObject.of());
        chair.send("start", JsonObject.of("kind", "countdown", "durationSeconds", 3600));

        tester.advance(Duration.ofSeconds(900));

        assertThat(tester.sent("ended")).hasSize(1);
        assertThat(tester.module(TimerModule.class).isRunning()).isTrue();
    }

    @Test
    void everyoneSeesWhoIsReadyAndHowMany() {
        chair.send("start", COFFEE);
        String id = chair.lastReceived().body().getObject("timer").getString("id");

        ben.send("ready", JsonObject.of("ready", true));

        SentMessage changed = clara.lastReceived();
        assertThat(changed.type()).isEqualTo("ready_changed");
        assertThat(changed.recipients()).containsExactly(chair.id(), ben.id(), clara.id());
        assertThat(changed.body()).isEqualTo(JsonObject.builder().put("timerId", id).put("readyCount", 1).put("total", 3)
                .put("allReady", false).put("ready", JsonArray.of(JsonObject.of("participantId", ben.id(), "name", "Ben"))).build());

        clara.send("ready", JsonObject.of("ready", true));
        chair.send("ready", JsonObject.of("ready", true));
        assertThat(tester.sent("ready_changed").getLast().body().getBoolean("allReady")).isTrue();

        ben.send("ready", JsonObject.of("ready", false));
        assertThat(tester.sent("ready_changed").getLast().body().getArray("ready"))
                .extracting(v -> v.asObject().getString("name")).containsExactly("Clara", "Chair");
    }

    @Test
    void sayingTheSameTwiceAnnouncesNothing() {
        chair.send("start", COFFEE);
        ben.send("ready", JsonObject.of("ready", true));
        ben.send("ready", JsonObject.of("ready", true));
        clara.send("ready", JsonObject.of("ready", false));

        assertThat(tester.sent("ready_changed")).hasSize(1);
    }

    @Test
    void anAnonymousTimerShowsHowManyButNotWho() {
        chair.send("start", COFFEE.with("anonymousReady", true));
        ben.send("ready", JsonObject.of("ready", true));

        JsonObject changed = tester.sent("ready_changed").getLast().body();
        assertThat(changed.getInt("readyCount")).isEqualTo(1);
        assertThat(changed.has("ready")).isFalse();
        assertThat(tester.sent()).allSatisfy(m -> assertThat(m.body().toJson()).doesNotContain("Ben"));
    }

    @Test
    void joinsAndLeavesChangeTheCountAndAreAnnouncedTogether() {
        chair.send("start", COFFEE);
        ben.send("ready", JsonObject.of("ready", true));

        SimulatedParticipant dora = tester.join("Dora", Role.PARTICIPANT);
        tester.join("Emil", Role.PARTICIPANT);
        assertThat(tester.sent("ready_changed")).as("not yet: joins are collected").hasSize(1);
        tester.advance(TimerModule.ANNOUNCE_INTERVAL);
        assertThat(tester.sent("ready_changed")).hasSize(2);
        assertThat(tester.sent("ready_changed").getLast().body().getInt("total")).isEqualTo(5);
        assertThat(tester.sent("ready_changed").getLast().recipients()).contains(dora.id());

        ben.leave();
        tester.advance(TimerModule.ANNOUNCE_INTERVAL);
        JsonObject afterLeave = tester.sent("ready_changed").getLast().body();
        assertThat(afterLeave.getInt("readyCount")).isZero();
        assertThat(afterLeave.getInt("total")).isEqualTo(4);
    }

    @Test
    void aReadyMarkGoesOutAtOnceAndTakesPendingJoinsAlong() {
        chair.send("start", COFFEE);
        tester.join("Dora", Role.PARTICIPANT);

        ben.send("ready", JsonObject.of("ready", true));
        tester.advance(Duration.ofSeconds(5));

        assertThat(tester.sent("ready_changed")).singleElement()
                .satisfies(m -> assertThat(m.body().getInt("total")).isEqualTo(4));
    }

    @Test
    void joinsWithoutATimerAnnounceNothing() {
        tester.join("Dora", Role.PARTICIPANT);
        tester.advance(Duration.ofSeconds(5));

        assertThat(tester.sent()).isEmpty();
    }

    @Test
    void aNewTimerStartsWithNobodyReady() {
        chair.send("start", COFFEE);
        ben.send("ready", JsonObject.of("ready", true));
        chair.send("stop", JsonObject.of());
        chair.send("start", COFFEE);

        assertThat(ben.lastReceived().type()).isEqualTo("started");
        ben.disconnect();
        ben.reconnect();
        assertThat(ben.joinSnapshot().orElseThrow().getBoolean("youAreReady")).isFalse();
        assertThat(ben.joinSnapshot().orElseThrow().getInt("readyCount")).isZero();
    }

    @Test
    void theEndOfTheMeetingEndsTheTimer() {
        chair.send("start", COFFEE);

        tester.closeRoom();

        assertThat(tester.sent("ended")).extracting(m -> m.body().getString("reason")).containsExactly("meeting_ended");
    }

    @Test
    void stoppingThePluginEndsTheTimer() {
        chair.send("start", JsonObject.of("kind", "stopwatch"));

        tester.stopPlugin();

        assertThat(tester.sent("ended")).extracting(m -> m.body().getString("reason")).containsExactly("plugin_stopped");
    }

    @Test
    void theDescriptorIsTheTimers() {
        assertThat(tester.descriptor().id().value()).isEqualTo("timer");
        assertThat(tester.descriptor().version().toString()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
        assertThat(tester.logLines()).anyMatch(line -> line.startsWith("INFO timer started"));
    }
}
