package org.plenum.polls;

import static org.assertj.core.api.Assertions.assertThat;

import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SentMessage;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.Test;

/** Who may create, vote and close, and what the room's state allows. */
class PollPermissionsTest {

    private static final JsonObject POLL = PollLifecycleTest.lunchPoll();

    private static PluginTester meeting(JsonObject settings) {
        return PluginTester.forPlugin(new PollsPlugin()).settings(settings).start();
    }

    @Test
    void participantsCannotCreatePollsByDefault() {
        PluginTester tester = meeting(JsonObject.of());
        SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
        SimulatedParticipant ben = tester.join("Ben", Role.PARTICIPANT);

        ben.sendWithId("c-1", "create", POLL);

        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", "forbidden", "message",
                "only moderators can create polls in this room"));
        assertThat(ben.lastReceived().re()).contains("c-1");
        assertThat(chair.received()).isEmpty();
        assertThat(tester.module(PollsModule.class).hasOpenPoll()).isFalse();
    }

    @Test
    void theTenantCanLetParticipantsCreatePollsButNeverGuests() {
        PluginTester tester = meeting(JsonObject.of("participantsMayCreate", true));
        SimulatedParticipant ben = tester.join("Ben", Role.PARTICIPANT);
        SimulatedParticipant guest = tester.joinGuest("Gast");

        guest.send("create", POLL);
        assertThat(guest.lastReceived().errorCode()).contains("forbidden");
        assertThat(guest.lastReceived().body().getString("message")).isEqualTo("guests cannot create polls");

        ben.send("create", POLL);
        assertThat(guest.lastReceived().type()).isEqualTo("started");
    }

    @Test
    void onlyTheCreatorOrAModeratorClosesAPoll() {
        PluginTester tester = meeting(JsonObject.of("participantsMayCreate", true));
        SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
        SimulatedParticipant ben = tester.join("Ben", Role.PARTICIPANT);
        SimulatedParticipant clara = tester.join("Clara", Role.PARTICIPANT);
        ben.send("create", POLL);
        String id = ben.lastReceived().body().getObject("poll").getString("id");

        clara.send("close", JsonObject.of("pollId", id));
        assertThat(clara.lastReceived().body()).isEqualTo(JsonObject.of("code", "forbidden", "message",
                "only the poll's creator or a moderator can close it"));
        assertThat(tester.module(PollsModule.class).hasOpenPoll()).isTrue();

        ben.send("close", JsonObject.of("pollId", id));
        assertThat(tester.sent("closed").getLast().body().getObject("closedBy").getString("name")).isEqualTo("Ben");

        ben.send("create", POLL);
        String second = tester.sent("started").getLast().body().getObject("poll").getString("id");
        chair.send("close", JsonObject.of("pollId", second));
        assertThat(tester.sent("closed")).hasSize(2);
    }

    @Test
    void aModeratorDemotedMeanwhileCanNoLongerCloseSomeoneElsesPoll() {
        PluginTester tester = meeting(JsonObject.of());
        SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
        SimulatedParticipant deputy = tester.join("Deputy", Role.MODERATOR);
        chair.send("create", POLL);
        String id = chair.lastReceived().body().getObject("poll").getString("id");

        deputy.changeRole(Role.PARTICIPANT);
        deputy.send("close", JsonObject.of("pollId", id));

        assertThat(deputy.lastReceived().errorCode()).contains("forbidden");
    }

    @Test
    void onePollAtATime() {
        PluginTester tester = meeting(JsonObject.of());
        SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
        chair.send("create", POLL);

        chair.send("create", JsonObject.of("question", "Another?", "options", JsonArray.of("a", "b")));

        assertThat(chair.lastReceived().body()).isEqualTo(JsonObject.of("code", "conflict", "message",
                "a poll is open already; close it before creating another"));
        assertThat(tester.sent("started")).hasSize(1);
    }

    @Test
    void guestsMayVote() {
        PluginTester tester = meeting(JsonObject.of());
        SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
        SimulatedParticipant guest = tester.joinGuest("Gast");
        chair.send("create", POLL);
        String id = chair.lastReceived().body().getObject("poll").getString("id");

        guest.send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of(0)));

        assertThat(guest.lastReceived().type()).isEqualTo("voted");
    }

    @Test
    void votesAndClosesForAClosedPollAreConflictsAndForAnUnknownOneNotFound() {
        PluginTester tester = meeting(JsonObject.of());
        SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
        SimulatedParticipant ben = tester.join("Ben", Role.PARTICIPANT);
        chair.send("create", POLL);
        String id = chair.lastReceived().body().getObject("poll").getString("id");
        chair.send("close", JsonObject.of("pollId", id));

        ben.send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of(0)));
        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", "conflict", "message", "this poll is closed"));
        chair.send("close", JsonObject.of("pollId", id));
        assertThat(chair.lastReceived().errorCode()).contains("conflict");

        ben.send("vote", JsonObject.of("pollId", "no-such-poll", "choices", JsonArray.of(0)));
        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", "not_found", "message",
                "there is no poll 'no-such-poll' in this room"));
        assertThat(tester.sent()).filteredOn(m -> !m.isError()).extracting(SentMessage::type).containsExactly("started", "closed");
    }
}
