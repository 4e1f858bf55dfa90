package org.plenum.polls;

import static org.assertj.core.api.Assertions.assertThat;

import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What late joiners and returning participants learn from the join snapshot. */
class PollJoinSnapshotTest {

    private PluginTester tester;
    private SimulatedParticipant chair;
    private SimulatedParticipant ben;

    @BeforeEach
    void aMeeting() {
        tester = PluginTester.forPlugin(new PollsPlugin()).start();
        chair = tester.join("Chair", Role.MODERATOR);
        ben = tester.join("Ben", Role.PARTICIPANT);
    }

    private String create(JsonObject extra) {
        JsonObject body = PollLifecycleTest.lunchPoll();
        for (var e : extra.members().entrySet()) {
            body = body.with(e.getKey(), e.getValue());
        }
        chair.send("create", body);
        return chair.lastReceived().body().getObject("poll").getString("id");
    }

    @Test
    void withoutAnOpenPollThereIsNothingToTell() {
        assertThat(tester.join("Dora", Role.PARTICIPANT).joinSnapshot()).isEmpty();

        String id = create(JsonObject.of());
        chair.send("close", JsonObject.of("pollId", id));
        assertThat(tester.join("Emil", Role.PARTICIPANT).joinSnapshot()).isEmpty();
    }

    @Test
    void aLateJoinerSeesTheOpenPollAndThatTheyHaveNotVoted() {
        String id = create(JsonObject.of("durationSeconds", 120));
        ben.send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of(0)));

        SimulatedParticipant dora = tester.join("Dora", Role.PARTICIPANT);

        JsonObject snapshot = dora.joinSnapshot().orElseThrow();
        assertThat(snapshot.getObject("poll")).isEqualTo(tester.sent("started").getFirst().body().getObject("poll"));
        assertThat(snapshot.getObject("poll").getString("endsAt")).isEqualTo("2026-01-05T09:02:00Z");
        assertThat(snapshot.getBoolean("voted")).isFalse();
        assertThat(snapshot.getArray("yourChoices")).isEmpty();
        assertThat(snapshot.getInt("ballots")).isEqualTo(1);
        assertThat(snapshot.has("results")).as("results are hidden until the poll closes").isFalse();

        dora.send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of(1)));
        assertThat(dora.lastReceived().type()).isEqualTo("voted");
    }

    @Test
    void aVoterWhoReconnectsSeesTheirChoices() {
        String id = create(JsonObject.of("multipleChoice", true));
        ben.send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of(2, 0)));

        ben.disconnect();
        ben.reconnect();

        JsonObject snapshot = ben.joinSnapshot().orElseThrow();
        assertThat(snapshot.getBoolean("voted")).isTrue();
        assertThat(snapshot.getArray("yourChoices")).isEqualTo(JsonArray.of(0, 2));
    }

    @Test
    void liveResultsArePartOfTheSnapshotAndNamedOnesSayWhoChoseWhat() {
        String id = create(JsonObject.of("liveResults", true, "anonymous", false));
        ben.send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of(1)));

        JsonObject results = tester.join("Dora", Role.PARTICIPANT).joinSnapshot().orElseThrow().getObject("results");

        assertThat(results).isEqualTo(JsonObject.of("ballots", 1, "counts", JsonArray.of(0, 1, 0), "voters",
                JsonArray.of(JsonArray.of(), JsonArray.of(JsonObject.of("participantId", ben.id(), "name", "Ben")), JsonArray.of())));
    }

    @Test
    void anonymousLiveResultsNeverNameAnyone() {
        String id = create(JsonObject.of("liveResults", true));
        ben.send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of(1)));
        tester.advance(PollsModule.TALLY_INTERVAL);
        chair.send("close", JsonObject.of("pollId", id));

        assertThat(tester.sent()).filteredOn(m -> !m.type().equals("voted"))
                .allSatisfy(m -> assertThat(m.body().toJson()).doesNotContain("Ben", ben.id()));
    }
}
