package org.plenum.polls;

import static org.assertj.core.api.Assertions.assertThat;

import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.Test;

/** Named results of a very large meeting do not fit into one frame: the counts still go out, the names are left out. */
class LargeNamedPollTest {

    @Test
    void voterListsThatWouldBreakTheFrameLimitAreLeftOutAndMarked() {
        PluginTester tester = PluginTester.forPlugin(new PollsPlugin()).start();
        SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
        java.util.List<SimulatedParticipant> crowd = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            crowd.add(tester.join("Participant with a rather long display name, number " + i + " " + "x".repeat(80), Role.PARTICIPANT));
        }
        chair.send("create", PollLifecycleTest.lunchPoll().with("anonymous", false).with("liveResults", true));
        String id = chair.lastReceived().body().getObject("poll").getString("id");
        for (int i = 0; i < crowd.size(); i++) {
            crowd.get(i).send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of(i % 3)));
        }
        tester.advance(PollsModule.TALLY_INTERVAL);

        JsonObject tally = tester.sent("tally").getLast().body();
        assertThat(tally.getArray("counts")).isEqualTo(JsonArray.of(167, 167, 166));
        assertThat(tally.has("voters")).isFalse();
        assertThat(tally.getBoolean("votersOmitted")).isTrue();

        chair.send("close", JsonObject.of("pollId", id));
        JsonObject results = tester.sent("closed").getLast().body().getObject("results");
        assertThat(results.getInt("ballots")).isEqualTo(500);
        assertThat(results.getBoolean("votersOmitted")).isTrue();
    }
}
