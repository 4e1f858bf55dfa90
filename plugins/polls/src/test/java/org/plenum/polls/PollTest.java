package org.plenum.polls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Role;
import org.junit.jupiter.api.Test;

/** One ballot per person, which PluginTester cannot show: its participants never share an account. */
class PollTest {

    private static final UUID ANNA = UUID.randomUUID();

    private static Participant participant(String id, Optional<UUID> account) {
        return new Participant(id, account, "Anna", Role.PARTICIPANT, Participant.ClientKind.BROWSER, true);
    }

    private static Poll poll() {
        PollQuestion q = PollQuestion.parse(JsonObject.of("question", "?", "options", JsonArray.of("a", "b")));
        return new Poll("id", q, participant("p1", Optional.of(UUID.randomUUID())), Instant.EPOCH);
    }

    @Test
    void anAccountHasOneBallotAcrossDevicesAndRejoins() {
        Poll poll = poll();
        Participant laptop = participant("p2", Optional.of(ANNA));
        Participant phoneLater = participant("p9", Optional.of(ANNA));

        assertThat(poll.record(laptop, List.of(0))).isFalse();
        assertThat(poll.record(phoneLater, List.of(1))).as("the same person changes their ballot").isTrue();

        assertThat(poll.ballotCount()).isEqualTo(1);
        assertThat(poll.counts()).containsExactly(0, 1);
        assertThat(poll.choicesOf(laptop)).containsExactly(1);
    }

    @Test
    void guestsAreOneVoterPerParticipant() {
        Poll poll = poll();

        poll.record(participant("p3", Optional.empty()), List.of(0));
        poll.record(participant("p4", Optional.empty()), List.of(0));

        assertThat(poll.ballotCount()).isEqualTo(2);
    }
}
