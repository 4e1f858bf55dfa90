package org.plenum.polls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.polls.api.PollClosed;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SentMessage;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A poll from start to end: messages, counts, the tally's rhythm, the ways a poll closes, and what it tells other plugins. */
class PollLifecycleTest {

    private PluginTester tester;
    private SimulatedParticipant chair;
    private SimulatedParticipant ben;
    private SimulatedParticipant clara;

    @BeforeEach
    void aMeeting() {
        tester = PluginTester.forPlugin(new PollsPlugin()).start();
        chair = tester.join("Chair", Role.MODERATOR);
        ben = tester.join("Ben", Role.PARTICIPANT);
        clara = tester.join("Clara", Role.PARTICIPANT);
    }

    static JsonObject lunchPoll() {
        return JsonObject.of("question", "Lunch at 12:30?", "options", JsonArray.of("yes", "no", "later"));
    }

    private String create(JsonObject body) {
        chair.send("create", body);
        return tester.sent("started").getLast().body().getObject("poll").getString("id");
    }

    private static JsonObject vote(String pollId, int... choices) {
        return JsonObject.of("pollId", pollId, "choices", JsonArray.from(java.util.Arrays.stream(choices).boxed().toList()));
    }

    @Test
    void aModeratorsPollIsAnnouncedToEveryoneWithItsDefaults() {
        chair.send("create", lunchPoll());

        SentMessage started = ben.lastReceived();
        assertThat(started.type()).isEqualTo("started");
        assertThat(started.recipients()).containsExactly(chair.id(), ben.id(), clara.id());
        JsonObject poll = started.body().getObject("poll");
        assertThat(poll.getString("question")).isEqualTo("Lunch at 12:30?");
        assertThat(poll.getArray("options")).isEqualTo(JsonArray.of("yes", "no", "later"));
        assertThat(poll.getBoolean("multipleChoice")).isFalse();
        assertThat(poll.getBoolean("anonymous")).isTrue();
        assertThat(poll.getBoolean("liveResults")).isFalse();
        assertThat(poll.getObject("createdBy")).isEqualTo(JsonObject.of("participantId", chair.id(), "name", "Chair"));
        assertThat(poll.getString("startedAt")).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(poll.has("endsAt")).isFalse();
        assertThat(poll.getString("id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void aVoteIsConfirmedToTheVoterAloneAndEchoesTheTransactionId() {
        String id = create(lunchPoll());

        ben.sendWithId("c-7", "vote", vote(id, 1));

        SentMessage voted = ben.lastReceived();
        assertThat(voted.type()).isEqualTo("voted");
        assertThat(voted.re()).contains("c-7");
        assertThat(voted.recipients()).containsExactly(ben.id());
        assertThat(voted.body()).isEqualTo(JsonObject.of("pollId", id, "choices", JsonArray.of(1), "changed", false));
    }

    @Test
    void hiddenResultsShowOnlyHowManyVotedUntilThePollCloses() {
        String id = create(lunchPoll());
        ben.send("vote", vote(id, 0));
        clara.send("vote", vote(id, 1));

        assertThat(tester.sent("tally")).as("the tally waits for the interval").isEmpty();
        tester.advance(PollsModule.TALLY_INTERVAL);

        assertThat(tester.sent("tally")).singleElement().satisfies(tally -> {
            assertThat(tally.body()).isEqualTo(JsonObject.of("pollId", id, "ballots", 2));
            assertThat(tally.recipients()).containsExactly(chair.id(), ben.id(), clara.id());
        });
    }

    @Test
    void aBurstOfVotesCostsOneTallyPerInterval() {
        String id = create(lunchPoll().with("liveResults", true));
        ben.send("vote", vote(id, 0));
        clara.send("vote", vote(id, 0));
        chair.send("vote", vote(id, 2));
        tester.advance(Duration.ofMillis(999));
        assertThat(tester.sent("tally")).isEmpty();

        tester.advance(Duration.ofMillis(1));
        assertThat(tester.sent("tally")).extracting(m -> m.body().getArray("counts")).containsExactly(JsonArray.of(2, 0, 1));

        tester.advance(Duration.ofMinutes(1));
        assertThat(tester.sent("tally")).as("no votes, no tally").hasSize(1);
        ben.send("vote", vote(id, 1));
        tester.advance(PollsModule.TALLY_INTERVAL);
        assertThat(tester.sent("tally")).extracting(m -> m.body().getArray("counts"))
                .containsExactly(JsonArray.of(2, 0, 1), JsonArray.of(1, 1, 1));
    }

    @Test
    void aVoteCanBeChangedWhileThePollIsOpenAndCountsOnce() {
        String id = create(lunchPoll().with("liveResults", true));
        ben.send("vote", vote(id, 0));
        ben.send("vote", vote(id, 2));

        assertThat(ben.received("voted")).extracting(m -> m.body().getBoolean("changed")).containsExactly(false, true);
        tester.advance(PollsModule.TALLY_INTERVAL);
        assertThat(tester.sent("tally").getLast().body()).isEqualTo(JsonObject.of("pollId", id, "ballots", 1, "counts", JsonArray.of(0, 0, 1)));
    }

    @Test
    void liveNamedResultsShowWhoChoseWhat() {
        String id = create(lunchPoll().with("liveResults", true).with("anonymous", false));
        ben.send("vote", vote(id, 0));
        clara.send("vote", vote(id, 0));
        tester.advance(PollsModule.TALLY_INTERVAL);

        JsonObject tally = tester.sent("tally").getLast().body();
        assertThat(tally.getArray("voters")).isEqualTo(JsonArray.of(
                JsonArray.of(JsonObject.of("participantId", ben.id(), "name", "Ben"), JsonObject.of("participantId", clara.id(), "name", "Clara")),
                JsonArray.of(), JsonArray.of()));
    }

    @Test
    void multipleChoiceBallotsCountForEachChosenOption() {
        String id = create(lunchPoll().with("multipleChoice", true));
        ben.send("vote", vote(id, 2, 0));
        clara.send("vote", vote(id, 0));

        assertThat(ben.received("voted").getLast().body().getArray("choices")).isEqualTo(JsonArray.of(0, 2));
        chair.send("close", JsonObject.of("pollId", id));
        assertThat(tester.sent("closed").getLast().body().getObject("results"))
                .isEqualTo(JsonObject.of("ballots", 2, "counts", JsonArray.of(2, 0, 1)));
    }

    @Test
    void closingAnnouncesTheResultsToEveryoneAndTellsOtherPlugins() {
        String id = create(lunchPoll());
        ben.send("vote", vote(id, 0));
        clara.send("vote", vote(id, 1));
        tester.advance(Duration.ofSeconds(30));

        chair.sendWithId("c-9", "close", JsonObject.of("pollId", id));

        SentMessage closed = tester.sent("closed").getLast();
        assertThat(closed.recipients()).containsExactly(chair.id(), ben.id(), clara.id());
        assertThat(closed.body()).isEqualTo(JsonObject.builder().put("pollId", id).put("reason", "closed")
                .put("closedAt", "2026-01-05T09:00:30Z")
                .put("closedBy", JsonObject.of("participantId", chair.id(), "name", "Chair"))
                .put("results", JsonObject.of("ballots", 2, "counts", JsonArray.of(1, 1, 0))).build());
        assertThat(tester.module(PollsModule.class).hasOpenPoll()).isFalse();

        assertThat(tester.publishedEvents(PollClosed.class)).singleElement().satisfies(event -> {
            assertThat(event.tenantId()).isEqualTo(tester.tenantId());
            assertThat(event.roomId()).isEqualTo(tester.roomId());
            assertThat(event.pollId()).isEqualTo(id);
            assertThat(event.options()).containsExactly("yes", "no", "later");
            assertThat(event.counts()).containsExactly(1, 1, 0);
            assertThat(event.ballots()).isEqualTo(2);
            assertThat(event.reason()).isEqualTo("closed");
            assertThat(event.closedAt()).isEqualTo("2026-01-05T09:00:30Z");
        });
    }

    @Test
    void aPendingTallyIsDroppedWhenThePollCloses() {
        String id = create(lunchPoll());
        ben.send("vote", vote(id, 0));
        chair.send("close", JsonObject.of("pollId", id));

        tester.advance(Duration.ofSeconds(5));

        assertThat(tester.sent()).extracting(SentMessage::type).containsExactly("started", "voted", "closed");
    }

    @Test
    void theRoomsTimerClosesThePollWhenItsDurationRunsOut() {
        chair.send("create", lunchPoll().with("durationSeconds", 60));
        JsonObject poll = tester.sent("started").getLast().body().getObject("poll");
        assertThat(poll.getString("endsAt")).isEqualTo("2026-01-05T09:01:00Z");
        assertThat(poll.getInt("durationSeconds")).isEqualTo(60);
        ben.send("vote", vote(poll.getString("id"), 2));

        tester.advance(Duration.ofSeconds(59));
        assertThat(tester.sent("closed")).isEmpty();
        tester.advance(Duration.ofSeconds(1));

        SentMessage closed = tester.sent("closed").getLast();
        assertThat(closed.sentAt()).isEqualTo("2026-01-05T09:01:00Z");
        assertThat(closed.body().getString("reason")).isEqualTo("time_up");
        assertThat(closed.body().has("closedBy")).isFalse();
        assertThat(closed.body().getObject("results").getArray("counts")).isEqualTo(JsonArray.of(0, 0, 1));
    }

    @Test
    void aPollClosedEarlyDoesNotCloseTheNextOneWithItsOldTimer() {
        chair.send("create", lunchPoll().with("durationSeconds", 60));
        String first = tester.sent("started").getLast().body().getObject("poll").getString("id");
        chair.send("close", JsonObject.of("pollId", first));
        String second = create(lunchPoll());

        tester.advance(Duration.ofMinutes(5));

        assertThat(tester.sent("closed")).hasSize(1);
        assertThat(tester.module(PollsModule.class).hasOpenPoll()).isTrue();
        ben.send("vote", vote(second, 0));
        assertThat(ben.lastReceived().type()).isEqualTo("voted");
    }

    @Test
    void ballotsOfPeopleWhoLeftStayCounted() {
        String id = create(lunchPoll());
        ben.send("vote", vote(id, 1));
        ben.leave();

        chair.send("close", JsonObject.of("pollId", id));

        assertThat(tester.sent("closed").getLast().body().getObject("results").getInt("ballots")).isEqualTo(1);
        assertThat(tester.sent("closed").getLast().recipients()).containsExactly(chair.id(), clara.id());
    }

    @Test
    void theEndOfTheMeetingClosesAnOpenPollWithItsResults() {
        String id = create(lunchPoll().with("durationSeconds", 600));
        ben.send("vote", vote(id, 0));

        tester.closeRoom();

        assertThat(tester.sent("closed")).singleElement().satisfies(closed -> {
            assertThat(closed.body().getString("reason")).isEqualTo("meeting_ended");
            assertThat(closed.recipients()).containsExactly(chair.id(), ben.id(), clara.id());
        });
        assertThat(tester.publishedEvents(PollClosed.class)).extracting(PollClosed::reason).containsExactly("meeting_ended");
        tester.advance(Duration.ofHours(1));
        assertThat(tester.sent("closed")).hasSize(1);
    }

    @Test
    void stoppingThePluginClosesAnOpenPollBecauseTheNextVersionCannotTakeItOver() {
        create(lunchPoll());

        tester.stopPlugin();

        assertThat(tester.sent("closed")).extracting(m -> m.body().getString("reason")).containsExactly("plugin_stopped");
    }

    @Test
    void afterAPollClosesTheNextOneCanStart() {
        String first = create(lunchPoll());
        chair.send("close", JsonObject.of("pollId", first));
        String second = create(JsonObject.of("question", "Coffee?", "options", JsonArray.of("tea", "coffee")));

        assertThat(second).isNotEqualTo(first);
        assertThat(tester.sent()).extracting(SentMessage::type, m -> m.recipients().size())
                .containsExactly(tuple("started", 3), tuple("closed", 3), tuple("started", 3));
    }

    @Test
    void theDescriptorCarriesTheBuildsVersion() {
        assertThat(tester.descriptor().id().value()).isEqualTo("polls");
        // filtered from ${project.version}; unfiltered, the class would not even load (SemVer refuses "${...}")
        assertThat(tester.descriptor().version().toString()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
        assertThat(tester.logLines()).anyMatch(line -> line.startsWith("INFO polls started"));
    }
}
