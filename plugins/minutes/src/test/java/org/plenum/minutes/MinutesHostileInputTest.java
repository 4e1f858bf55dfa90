package org.plenum.minutes;

import org.plenum.minutes.testdb.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.minutes.MinutesTesting.errorCode;
import static org.plenum.minutes.MinutesTesting.item;
import static org.plenum.minutes.MinutesTesting.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.plenum.voting.api.VoteClosed;
import org.plenum.voting.api.VoteStarted;

/**
 * Every message of the {@code minutes} namespace with hostile bodies: fields missing (truncated), of the wrong type,
 * oversized, unknown, ids that are not ids, and replays of stale revisions. Each is refused with a code and nothing
 * is stored.
 */
class MinutesHostileInputTest {

    private final PluginTester t = MinutesTesting.session(TestDatabase.freshSchema());
    private final SimulatedParticipant chair = t.join("Vorsitz", Role.MODERATOR);
    private final SimulatedParticipant taker = t.join("Schriftführung", Role.PARTICIPANT);
    private String voteId;

    @BeforeEach
    void aSessionWithAnItemATakerAndAVote() {
        chair.send("create", JsonObject.of("title", "Sitzung"));
        chair.send("item_add", JsonObject.of("title", "Bericht", "public", true));
        chair.send("appoint", JsonObject.of("participantId", taker.id()));
        voteId = UUID.randomUUID().toString();
        t.publish(VoteClosed.of(t.tenantId(), t.roomId(), UUID.fromString(voteId), Optional.of("i1"), "pseudonymous", "Antrag?",
                Map.of("ja", 1), "aa".repeat(32), List.of()));
    }

    /** Sends as {@code who} and expects the refusal {@code code}, with no revision stored. */
    private void refused(SimulatedParticipant who, String type, JsonObject body, String code) {
        long before = state(t).getLong("revision");
        who.send(type, body);
        assertThat(errorCode(who)).as(type + " " + body.toJson()).isEqualTo(code);
        assertThat(state(t).getLong("revision")).as("nothing stored for " + type).isEqualTo(before);
    }

    private static final String HUGE = "x".repeat(60_000);

    @Test
    void createIsRefusedWhenTruncatedMistypedOversizedOrUnknown() {
        refused(chair, "create", JsonObject.of("title", 42), "invalid_message");
        refused(chair, "create", JsonObject.of("title", HUGE), "invalid_message");
        refused(chair, "create", JsonObject.of("title", "ok", "agenda", JsonArray.of()), "invalid_message");
        refused(chair, "create", JsonObject.of("title", "a\u0000b"), "invalid_message");
        refused(chair, "create", JsonObject.of("title", "Nochmal"), "conflict");
        refused(taker, "create", JsonObject.of("title", "Meine"), "forbidden");
    }

    @Test
    void agendaMessagesAreRefusedWhenTruncatedMistypedOversizedOrUnknown() {
        refused(chair, "item_add", JsonObject.of("title", "ohne public"), "invalid_message");
        refused(chair, "item_add", JsonObject.of("title", "x", "public", "yes"), "invalid_message");
        refused(chair, "item_add", JsonObject.of("title", HUGE, "public", true), "invalid_message");
        refused(chair, "item_add", JsonObject.of("title", "x", "public", true, "secret", true), "invalid_message");
        refused(chair, "item_add", JsonObject.of("title", "x", "number", "1".repeat(17), "public", true), "invalid_message");
        refused(chair, "item_change", JsonObject.of("itemId", "i1"), "invalid_request");
        refused(chair, "item_change", JsonObject.of("itemId", "i9", "title", "y"), "not_found");
        refused(chair, "item_change", JsonObject.of("itemId", "../../etc", "title", "y"), "invalid_message");
        refused(chair, "item_change", JsonObject.of("itemId", List.of("i1"), "title", "y"), "invalid_message");
        refused(chair, "item_withdraw", JsonObject.of(), "invalid_message");
        refused(chair, "item_start", JsonObject.of("itemId", "i".repeat(200)), "invalid_message");
        refused(taker, "item_start", JsonObject.of("itemId", "i1"), "forbidden");
        refused(chair, "absence", JsonObject.of("reason", "krank"), "invalid_message");
        refused(chair, "absence", JsonObject.of("name", "A", "reason", HUGE), "invalid_message");
        refused(chair, "presence", JsonObject.of("person", "u:nobody", "presence", "in_room"), "not_found");
        refused(chair, "presence", JsonObject.of("person", "u:x", "presence", "on_the_moon"), "invalid_request");
    }

    @Test
    void rightsMessagesAreRefusedWhenTruncatedMistypedOrAimedAtNobody() {
        refused(chair, "appoint", JsonObject.of(), "invalid_message");
        refused(chair, "appoint", JsonObject.of("participantId", "p999"), "not_found");
        refused(chair, "appoint", JsonObject.of("participantId", 1), "invalid_message");
        refused(taker, "appoint", JsonObject.of("participantId", taker.id()), "forbidden");
        SimulatedParticipant guest = t.joinGuest("Gast");
        refused(chair, "appoint", JsonObject.of("participantId", guest.id()), "forbidden");
        refused(chair, "revoke", JsonObject.of("person", "u:nobody"), "not_found");
        refused(chair, "revoke", JsonObject.of("person", true), "invalid_message");
        refused(taker, "revoke", JsonObject.of("person", taker.id()), "forbidden");
    }

    @Test
    void editsAreRefusedWhenTruncatedMistypedOversizedUnknownOrBasedOnAStaleRevision() {
        refused(taker, "edit", JsonObject.of("itemId", "i1", "text", "ohne base"), "invalid_message");
        refused(taker, "edit", JsonObject.of("itemId", "i1", "text", "x", "base", "0"), "invalid_message");
        refused(taker, "edit", JsonObject.of("itemId", "i1", "text", 5, "base", 0), "invalid_message");
        refused(taker, "edit", JsonObject.of("itemId", "i1", "text", HUGE, "base", 0), "invalid_request");
        refused(taker, "edit", JsonObject.of("itemId", "i1", "text", "x", "base", 0, "html", "<script>"), "invalid_message");
        refused(taker, "edit", JsonObject.of("itemId", "i7", "text", "x", "base", 0), "not_found");
        refused(taker, "edit", JsonObject.of("itemId", "i1", "text", "x", "base", 1.5), "invalid_message");

        taker.send("edit", JsonObject.of("itemId", "i1", "text", "Fassung A", "base", 0));
        long a = item(state(t), "i1").getLong("textRevision");
        taker.send("edit", JsonObject.of("itemId", "i1", "text", "Fassung B", "base", a));
        // a replay of the first edit, and an edit based on the replaced revision
        refused(taker, "edit", JsonObject.of("itemId", "i1", "text", "Fassung A", "base", 0), "conflict");
        refused(taker, "edit", JsonObject.of("itemId", "i1", "text", "Fassung C", "base", a), "conflict");
        assertThat(item(state(t), "i1").getString("text")).isEqualTo("Fassung B");
    }

    @Test
    void votesApprovalsAndObjectionsAreRefusedWhenTruncatedMistypedUnknownOrStale() {
        refused(taker, "record_my_vote", JsonObject.of(), "invalid_message");
        refused(taker, "record_my_vote", JsonObject.of("voteId", UUID.randomUUID().toString(), "choice", "ja"), "not_found");
        refused(taker, "record_my_vote", JsonObject.of("voteId", voteId), "invalid_request");
        refused(taker, "record_my_vote", JsonObject.of("voteId", voteId, "choice", HUGE), "invalid_message");
        refused(t.joinGuest("Gast"), "record_my_vote", JsonObject.of("voteId", voteId, "choice", "ja"), "forbidden");

        long content = state(t).getLong("contentRevision");
        refused(taker, "approve", JsonObject.of(), "invalid_message");
        refused(taker, "approve", JsonObject.of("revision", "latest"), "invalid_message");
        refused(taker, "approve", JsonObject.of("revision", content, "as", "king"), "invalid_request");
        refused(taker, "approve", JsonObject.of("revision", content, "as", "chair"), "forbidden");
        refused(taker, "approve", JsonObject.of("revision", content - 1), "conflict");
        refused(taker, "approve", JsonObject.of("revision", content, "documentId", "not a uuid"), "invalid_message");
        taker.send("approve", JsonObject.of("revision", content));
        refused(taker, "approve", JsonObject.of("revision", content), "conflict");

        refused(taker, "objection", JsonObject.of("documentId", UUID.randomUUID().toString(), "text", "falsch"), "not_found");
        refused(taker, "objection", JsonObject.of("documentId", UUID.randomUUID().toString()), "invalid_message");
        refused(chair, "decide_approval", JsonObject.of("documentId", UUID.randomUUID().toString(), "decision", "maybe"), "invalid_request");
        refused(chair, "decide_approval", JsonObject.of("documentId", UUID.randomUUID().toString(), "decision", "approved"), "not_found");
        refused(taker, "get_section", JsonObject.of("itemId", "i42"), "not_found");
        refused(taker, "get_document", JsonObject.of("itemId", "i1"), "invalid_message");
        refused(taker, "get_document", JsonObject.of("full", true), "invalid_message");
        refused(taker, "nonsense", JsonObject.of(), "unknown_type");
    }
}
