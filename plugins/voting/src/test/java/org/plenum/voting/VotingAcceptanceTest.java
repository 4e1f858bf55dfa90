package org.plenum.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.plenum.api.audit.ChainVerification;
import org.plenum.api.http.CallerRole;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.InMemoryAuditChain;
import org.plenum.sdk.tester.SentMessage;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.plenum.voting.api.Quorum;
import org.plenum.voting.api.VoteClosed;
import org.plenum.voting.api.VoteStarted;
import org.plenum.voting.api.VotingExtensions;
import org.junit.jupiter.api.Test;

/**
 * The acceptance points V1–V16 of docs (public-sector requirements) at the level of the room module: the plugin in
 * a {@code PluginTester}, its tables in a real PostgreSQL, the audit log the tester's real hash chain. V4, V10
 * (database dump), V13 (core tables) and V15 are also tested against the real server in {@code VotingServerIT}.
 */
class VotingAcceptanceTest {

    private static final JsonObject YES_NO = JsonObject.of("kind", "roll_call", "question", "Bebauungsplan Nr. 7 beschließen?");

    private final VotingBed bed = new VotingBed();

    @Test
    void v01_onlyTheChairAndModeratorsStartCloseAndCancel() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant member = bed.tester.join("Mitglied", Role.PARTICIPANT);
        assertThat(bed.send(member, "start", YES_NO).errorCode()).contains("forbidden");
        String id = bed.start(chair, YES_NO);
        assertThat(bed.send(member, "close", JsonObject.of("voteId", id)).errorCode()).contains("forbidden");
        assertThat(bed.send(member, "cancel", JsonObject.of("voteId", id, "reason", "x")).errorCode()).contains("forbidden");
        assertThat(bed.send(member, "cast", JsonObject.of("voteId", id, "choice", "yes")).type()).isEqualTo("cast_ok");
        assertThat(bed.send(chair, "close", JsonObject.of("voteId", id)).type()).isEqualTo("close_ok");
        assertThat(member.received("closed").getLast().body().getString("outcome")).isEqualTo("closed");
    }

    @Test
    void v02_onlyEligibleMembersVote_guestsAndDialInExcludedUnlessTheVoteAllowsIt() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant guest = bed.tester.joinGuest("Gast");
        SimulatedParticipant phone = bed.tester.join("Telefon", Role.PARTICIPANT, Participant.ClientKind.PHONE, true);
        String id = bed.start(chair, YES_NO.with("autoClose", false));
        SentMessage refused = bed.send(guest, "cast", JsonObject.of("voteId", id, "choice", "yes"));
        assertThat(refused.errorCode()).contains("forbidden");
        assertThat(refused.body().getString("message")).contains("guest");
        assertThat(bed.send(phone, "cast", JsonObject.of("voteId", id, "choice", "yes")).errorCode()).contains("forbidden");
        bed.send(chair, "close", JsonObject.of("voteId", id));

        String second = bed.start(chair, YES_NO.with("guestsMayVote", true).with("phoneMayVote", true)
                .with("eligibleRoles", JsonArray.of("moderator", "participant", "guest")).with("autoClose", false));
        assertThat(bed.send(guest, "cast", JsonObject.of("voteId", second, "choice", "yes")).type()).isEqualTo("cast_ok");
        assertThat(bed.send(phone, "cast", JsonObject.of("voteId", second, "choice", "no")).type()).isEqualTo("cast_ok");
    }

    @Test
    void v03_atMostOneActiveVotePerRoom() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant deputy = bed.tester.join("Stellvertretung", Role.MODERATOR);
        bed.start(chair, YES_NO);
        SentMessage second = bed.send(deputy, "start", YES_NO.with("question", "Noch eine?"));
        assertThat(second.errorCode()).contains("conflict");
        assertThat(bed.tester.publishedEvents(VoteStarted.class)).hasSize(1);
    }

    @Test
    void v04_aSecondBallotOfTheSameVoterIsNotCounted() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant member = bed.tester.join("Mitglied", Role.PARTICIPANT);
        String id = bed.start(chair, YES_NO.with("autoClose", false));
        assertThat(bed.send(member, "cast", JsonObject.of("voteId", id, "choice", "yes")).type()).isEqualTo("cast_ok");
        for (int i = 0; i < 10; i++) {
            assertThat(bed.send(member, "cast", JsonObject.of("voteId", id, "choice", "no")).errorCode()).contains("conflict");
        }
        bed.send(chair, "close", JsonObject.of("voteId", id));
        VoteClosed closed = bed.tester.publishedEvents(VoteClosed.class).getFirst();
        assertThat(closed.counts()).containsEntry("yes", 1).containsEntry("no", 0);
        assertThat(closed.cast()).isEqualTo(1);
    }

    @Test
    void v05_wrongTokenWrongVoteIdOrDisallowedOptionIsRejectedAndLogged() throws Exception {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant member = bed.tester.join("Mitglied", Role.PARTICIPANT);
        String id = bed.start(chair, YES_NO.with("abstainAllowed", false));
        assertThat(bed.send(member, "cast", JsonObject.of("voteId", id, "choice", "abstain")).errorCode()).contains("invalid_request");
        assertThat(bed.send(member, "cast", JsonObject.of("voteId", "00000000-0000-4000-8000-000000000099", "choice", "yes")).errorCode())
                .contains("not_found");
        InMemoryAuditChain ledger = bed.ledger(id);
        assertThat(ledger.entries()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("ballot.refused");
            assertThat(e.payload().getString("reason")).isEqualTo("abstain_not_allowed");
        });
        bed.send(chair, "close", JsonObject.of("voteId", id));

        String secret = bed.start(chair, JsonObject.of("kind", "secret", "question", "Geheim?"));
        VotingBed.Credential good = bed.credential(member, secret);
        assertThat(bed.castSecret(secret, new VotingBed.Credential(good.message(), flip(good.signature())), "yes").status()).isEqualTo(403);
        assertThat(bed.castSecret(secret, good, "vielleicht").status()).isEqualTo(400);
        assertThat(bed.logLinesOr()).anyMatch(l -> l.contains("reason=signature_invalid"));
        assertThat(bed.ledger(secret).entries()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("ballot.refused");
            assertThat(e.payload().getString("reason")).isEqualTo("signature_invalid");
        });
        assertThat(bed.castSecret(secret, good, "yes").status()).as("the genuine credential still works once").isEqualTo(200);
        assertThat(bed.castSecret(secret, good, "no").status()).as("and only once").isEqualTo(409);
    }

    private static byte[] flip(byte[] b) {
        byte[] c = b.clone();
        c[5] ^= 1;
        return c;
    }

    @Test
    void v06_ballotsAfterCloseAfterExpiryOrAfterAutoCloseAreRejectedAndTheTallyStays() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant a = bed.tester.join("A", Role.PARTICIPANT);
        SimulatedParticipant b = bed.tester.join("B", Role.PARTICIPANT);
        String expiring = bed.start(chair, YES_NO.with("durationSeconds", 60).with("autoClose", false));
        bed.send(a, "cast", JsonObject.of("voteId", expiring, "choice", "yes"));
        bed.tester.advance(Duration.ofSeconds(61));
        assertThat(a.received("closed").getLast().body().getString("outcome")).isEqualTo("expired");
        assertThat(bed.send(b, "cast", JsonObject.of("voteId", expiring, "choice", "no")).errorCode()).contains("not_found");

        String auto = bed.start(chair, YES_NO);
        bed.send(chair, "cast", JsonObject.of("voteId", auto, "choice", "no"));
        bed.send(a, "cast", JsonObject.of("voteId", auto, "choice", "yes"));
        bed.send(b, "cast", JsonObject.of("voteId", auto, "choice", "yes"));
        assertThat(a.received("closed").getLast().body().getString("outcome")).isEqualTo("all_voted");
        assertThat(bed.send(b, "cast", JsonObject.of("voteId", auto, "choice", "no")).errorCode()).contains("not_found");
        List<VoteClosed> closed = bed.tester.publishedEvents(VoteClosed.class);
        assertThat(closed.get(0).counts()).containsEntry("yes", 1).containsEntry("no", 0);
        assertThat(closed.get(1).counts()).containsEntry("yes", 2).containsEntry("no", 1);
    }

    @Test
    void v07_aVoterWhoReconnectsCanVoteIfTheyHadNotAndSeesVotedIfTheyHad() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant a = bed.tester.join("A", Role.PARTICIPANT);
        SimulatedParticipant b = bed.tester.join("B", Role.PARTICIPANT);
        String id = bed.start(chair, YES_NO.with("kind", "pseudonymous").with("autoClose", false));
        String receipt = bed.send(a, "cast", JsonObject.of("voteId", id, "choice", "yes")).body().getString("receipt");
        a.disconnect();
        b.disconnect();
        a.reconnect();
        b.reconnect();
        JsonObject youA = a.joinSnapshot().orElseThrow().getObject("you");
        assertThat(youA.getBoolean("voted")).isTrue();
        assertThat(youA.getString("receipt")).isEqualTo(receipt);
        assertThat(b.joinSnapshot().orElseThrow().getObject("you").getBoolean("voted")).isFalse();
        assertThat(bed.send(b, "cast", JsonObject.of("voteId", id, "choice", "no")).type()).isEqualTo("cast_ok");
    }

    @Test
    void v08_whenTheInitiatorLeavesADeputyTakesOverOrTheVoteIsCancelledAndNeverShownAsValid() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant deputy = bed.tester.join("Stellvertretung", Role.MODERATOR);
        SimulatedParticipant member = bed.tester.join("Mitglied", Role.PARTICIPANT);
        String id = bed.start(chair, YES_NO.with("autoClose", false));
        chair.leave();
        assertThat(member.received("chair_changed").getLast().body().getString("chair")).isEqualTo("Stellvertretung");
        bed.send(member, "cast", JsonObject.of("voteId", id, "choice", "yes"));
        deputy.leave();
        JsonObject closed = member.received("closed").getLast().body();
        assertThat(closed.getString("outcome")).isEqualTo("cancelled");
        assertThat(closed.getBoolean("valid")).isFalse();
        assertThat(closed.has("counts")).as("a partial result is not shown").isFalse();
        VoteClosed event = bed.tester.publishedEvents(VoteClosed.class).getFirst();
        assertThat(event.valid()).isFalse();
        assertThat(event.counts()).isEmpty();
        assertThat(event.reason()).contains("no deputy");
    }

    @Test
    void v09_rollCallVotesShowNamesAndChoicesToMembers() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant ada = bed.tester.join("Ada", Role.PARTICIPANT);
        String id = bed.start(chair, YES_NO.with("liveResults", true));
        bed.send(ada, "cast", JsonObject.of("voteId", id, "choice", "no"));
        JsonObject live = chair.received("progress").getLast().body();
        assertThat(live.getArray("named").get(0).asObject().getString("name")).isEqualTo("Ada");
        assertThat(live.getArray("named").get(0).asObject().getString("choice")).isEqualTo("no");
        bed.send(chair, "cast", JsonObject.of("voteId", id, "choice", "yes"));
        JsonObject result = ada.received("closed").getLast().body();
        assertThat(result.getArray("ballots").stream().map(v -> v.asObject().getString("name") + "=" + v.asObject().getString("choice")))
                .containsExactlyInAnyOrder("Ada=no", "Vorsitz=yes");
        assertThat(bed.tester.publishedEvents(VoteClosed.class).getFirst().namedChoices()).hasSize(2);
    }

    @Test
    void v10_secretVotesShowNoInterimResultsLinkNobodyToAChoiceAndAreBlockedWhereTheProfileForbidsIt() throws Exception {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant ada = bed.tester.join("Ada", Role.PARTICIPANT);
        assertThat(bed.send(chair, "start", JsonObject.of("kind", "secret", "question", "Q", "liveResults", true)).errorCode())
                .contains("invalid_message");
        String id = bed.start(chair, JsonObject.of("kind", "secret", "question", "Wahl des Kämmerers"));
        VotingBed.Credential c = bed.credential(ada, id);
        assertThat(bed.castSecret(id, c, "no").status()).isEqualTo(200);
        assertThat(chair.received("progress")).allSatisfy(p -> assertThat(p.body().has("counts")).isFalse());
        bed.castSecret(id, bed.credential(chair, id), "yes");
        // no message, event, ledger entry or log line carries a person and a choice together
        for (SentMessage m : bed.tester.sent()) {
            assertThat(m.body().toJson().contains("Ada") && m.body().toJson().contains("\"choice\"")).as(m.toString()).isFalse();
        }
        for (var e : bed.ledger(id).entries()) {
            assertThat(e.payload().has("choice") && (e.payload().has("voter") || e.payload().has("name"))).as(e.toString()).isFalse();
        }
        assertThat(bed.tester.publishedEvents(VoteClosed.class).getFirst().namedChoices()).isEmpty();
        assertThat(bed.logLinesOr()).noneMatch(l -> l.contains("Ada"));

        VotingBed lowerSaxony = new VotingBed(JsonObject.of("profile", "niedersachsen"));
        SimulatedParticipant chair2 = lowerSaxony.tester.join("Vorsitz", Role.MODERATOR);
        SentMessage blocked = lowerSaxony.send(chair2, "start", JsonObject.of("kind", "secret", "question", "Q"));
        assertThat(blocked.errorCode()).contains("forbidden");
        assertThat(blocked.body().getString("message")).contains("NKomVG § 64");
        JsonObject kinds = lowerSaxony.send(chair2, "kinds", JsonObject.of()).body();
        assertThat(kinds.getArray("kinds").stream().map(JsonValue::asObject).filter(k -> k.getString("kind").equals("secret")).findFirst()
                .orElseThrow().getBoolean("available")).isFalse();
        lowerSaxony.tester.exportedService(VotingExtensions.class).orElseThrow().registerAttendanceProvider((t, r, p) -> true);
        assertThat(lowerSaxony.send(chair2, "start", JsonObject.of("kind", "secret", "question", "Q")).type())
                .as("everyone in the chamber: allowed").isEqualTo("start_ok");
    }

    @Test
    void bavaria_remoteMembersTakeNoPartInElections() {
        VotingBed bavaria = new VotingBed(JsonObject.of("profile", "bayern"));
        SimulatedParticipant chair = bavaria.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant remote = bavaria.tester.join("Zugeschaltet", Role.PARTICIPANT);
        bavaria.tester.exportedService(VotingExtensions.class).orElseThrow()
                .registerAttendanceProvider((t, r, p) -> !p.displayName().equals("Zugeschaltet"));
        String id = bavaria.start(chair, YES_NO.with("purpose", "election").with("options", JsonArray.of("Meier", "Schulze")).with("autoClose", false));
        SentMessage refused = bavaria.send(remote, "cast", JsonObject.of("voteId", id, "choice", "Meier"));
        assertThat(refused.errorCode()).contains("forbidden");
        assertThat(refused.body().getString("message")).contains("elections");
    }

    @Test
    void quorum_noVoteStartsWithoutQuorumWhenAProviderIsRegistered() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        var registration = bed.tester.exportedService(VotingExtensions.class).orElseThrow()
                .registerQuorumProvider((t, r) -> new Quorum(3, 5, "ThürKO § 36"));
        SentMessage refused = bed.send(chair, "start", YES_NO);
        assertThat(refused.errorCode()).contains("conflict");
        assertThat(refused.body().getString("message")).contains("no quorum").contains("ThürKO § 36");
        registration.close();
        assertThat(bed.send(chair, "start", YES_NO).type()).isEqualTo("start_ok");
    }

    @Test
    void v11_everyVoterGetsAReceiptThatAppearsInThePublishedResult_secretWithoutTheChoice() throws Exception {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant ada = bed.tester.join("Ada", Role.PARTICIPANT);
        String pseudo = bed.start(chair, YES_NO.with("kind", "pseudonymous"));
        String r1 = bed.send(ada, "cast", JsonObject.of("voteId", pseudo, "choice", "no")).body().getString("receipt");
        bed.send(chair, "cast", JsonObject.of("voteId", pseudo, "choice", "yes"));
        JsonObject published = ada.received("closed").getLast().body();
        assertThat(published.getArray("ballots").stream().map(JsonValue::asObject))
                .anySatisfy(b -> assertThat(b.getString("receipt") + "=" + b.getString("choice")).isEqualTo(r1 + "=no"));
        assertThat(published.toJson()).doesNotContain("Ada");

        String secret = bed.start(chair, JsonObject.of("kind", "secret", "question", "Geheim"));
        String r2 = VotingBed.json(bed.castSecret(secret, bed.credential(ada, secret), "no")).getString("receipt");
        bed.castSecret(secret, bed.credential(chair, secret), "yes");
        JsonObject secretResult = ada.received("closed").getLast().body();
        assertThat(secretResult.getArray("ballots").stream().map(JsonValue::asObject)).anySatisfy(b -> {
            assertThat(b.getString("receipt")).isEqualTo(r2);
            assertThat(b.has("choice")).isFalse();
        });
    }

    @Test
    void v12_theLedgerIsHashChainedAndItsFinalHashIsSigned() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        String id = bed.start(chair, YES_NO);
        bed.send(chair, "cast", JsonObject.of("voteId", id, "choice", "yes"));
        JsonObject closed = chair.received("closed").getLast().body();
        InMemoryAuditChain ledger = bed.ledger(id);
        assertThat(ledger.id().name()).isEqualTo("vote/" + id);
        assertThat(ledger.entries()).extracting(e -> e.type())
                .containsExactly("vote.opened", "eligibility.set", "ballot.accepted", "vote.closed");
        assertThat(ledger.verify()).isInstanceOf(ChainVerification.Intact.class);
        JsonObject head = closed.getObject("signedHead");
        assertThat(head.getString("head")).isEqualTo(ledger.entries().getLast().hash().hex()).isEqualTo(closed.getString("finalHash"));
        assertThat(SignedHeads.fromJson(bed.tester.tenantId(), java.util.UUID.fromString(id), head).signatureValid()).isTrue();
        JsonObject verification = VotingBed.json(bed.tester.get("/votes/" + id + "/verification", bed.tester.caller("Vorsitz", CallerRole.MODERATOR)));
        assertThat(verification.getBoolean("intact")).as(verification.toJson()).isTrue();
        assertThat(verification.getBoolean("resultValid")).isTrue();
    }

    @Test
    void v13_editingDeletingOrReorderingAnEntryMakesTheVerifierFailAtThatEntry() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant a = bed.tester.join("A", Role.PARTICIPANT);
        String id = bed.start(chair, YES_NO.with("autoClose", false));
        bed.send(a, "cast", JsonObject.of("voteId", id, "choice", "yes"));
        bed.send(chair, "cast", JsonObject.of("voteId", id, "choice", "no"));
        bed.send(chair, "close", JsonObject.of("voteId", id));
        var caller = bed.tester.caller("Vorsitz", CallerRole.MODERATOR);
        InMemoryAuditChain ledger = bed.ledger(id);

        // a ballot row in the plugin's table edited: the verifier names the row and its ledger entry, the result is invalid
        TestDatabase.sql(bed.db, "update ballot set choice = 'no' where choice = 'yes'");
        JsonObject v1 = VotingBed.json(bed.tester.get("/votes/" + id + "/verification", caller));
        assertThat(v1.getBoolean("resultValid")).isFalse();
        assertThat(v1.getArray("findings").get(0).asObject().getString("table")).isEqualTo("ballot");
        assertThat(v1.getArray("findings").get(0).asObject().getString("detail")).contains("ledger entry 3");
        TestDatabase.sql(bed.db, "update ballot set choice = 'yes' where ledger_seq = 3");

        // the stored result changed: disagrees with the recount
        TestDatabase.sql(bed.db, "update vote set result = replace(result, '\"count\":1,\"option\":\"yes\"', '\"count\":2,\"option\":\"yes\"')");
        JsonObject v2 = VotingBed.json(bed.tester.get("/votes/" + id + "/verification", caller));
        assertThat(v2.getArray("findings").stream().map(f -> f.asObject().getString("problem"))).contains("tally_mismatch");
        assertThat(v2.getBoolean("resultValid")).isFalse();

        // a ledger entry edited in place: broken at that entry
        ledger.tamperPayload(3, ledger.entries().get(2).payload().with("choice", "no"));
        JsonObject v3 = VotingBed.json(bed.tester.get("/votes/" + id + "/verification", caller));
        assertThat(v3.getArray("findings").get(0).asObject().getString("entry")).isEqualTo("entry 3");
        assertThat(v3.getArray("findings").get(0).asObject().getString("problem")).isEqualTo("content_altered");
    }

    @Test
    void v13_deletingOrReorderingLedgerEntriesIsFoundAtTheFirstEntryOutOfPlace() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant a = bed.tester.join("A", Role.PARTICIPANT);
        String id = bed.start(chair, YES_NO);
        bed.send(a, "cast", JsonObject.of("voteId", id, "choice", "yes"));
        bed.send(chair, "cast", JsonObject.of("voteId", id, "choice", "yes"));
        var caller = bed.tester.caller("Vorsitz", CallerRole.MODERATOR);
        InMemoryAuditChain ledger = bed.ledger(id);
        ledger.tamperSwap(3, 4);
        JsonObject swapped = VotingBed.json(bed.tester.get("/votes/" + id + "/verification", caller));
        assertThat(swapped.getArray("findings").get(0).asObject().getString("entry")).isEqualTo("entry 3");
        ledger.tamperSwap(3, 4);
        ledger.tamperDelete(4);
        JsonObject deleted = VotingBed.json(bed.tester.get("/votes/" + id + "/verification", caller));
        assertThat(deleted.getArray("findings").get(0).asObject().getString("entry")).isEqualTo("entry 4");
        assertThat(deleted.getBoolean("resultValid")).isFalse();
    }

    @Test
    void v14_aFaultReportIsTimeStampedAlertsTheChairAndTheChairCanCancelAndRepeat() {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant member = bed.tester.join("Mitglied", Role.PARTICIPANT);
        String id = bed.start(chair, YES_NO);
        bed.tester.advance(Duration.ofSeconds(12));
        SentMessage ok = bed.send(member, "fault", JsonObject.of("kind", "hear", "note", "Ton bricht ab"));
        assertThat(ok.type()).isEqualTo("fault_ok");
        JsonObject alert = chair.received("fault_reported").getLast().body();
        assertThat(alert.getString("at")).isEqualTo("2026-01-05T09:00:12Z");
        assertThat(alert.getString("reporter")).isEqualTo("Mitglied");
        assertThat(alert.getString("voteId")).isEqualTo(id);
        assertThat(member.received("fault_reported")).as("only the chair and moderators are alerted").isEmpty();
        assertThat(bed.ledger(id).entries()).anySatisfy(e -> assertThat(e.type()).isEqualTo("fault.reported"));

        bed.send(chair, "cancel", JsonObject.of("voteId", id, "reason", "Tonstörung bei Mitglied"));
        SentMessage repeated = bed.send(chair, "repeat", JsonObject.of("voteId", id));
        assertThat(repeated.type()).as(repeated.toString()).isEqualTo("start_ok");
        JsonObject again = member.received("started").getLast().body().getObject("vote");
        assertThat(again.getString("repeatOf")).isEqualTo(id);
        assertThat(again.getString("question")).isEqualTo("Bebauungsplan Nr. 7 beschließen?");
        assertThat(bed.tester.publishedEvents(VoteStarted.class).getLast().repeatOf()).hasValue(java.util.UUID.fromString(id));
    }

    @Test
    void v16_theReportHoldsTheItemsAndTheSignedFinalHash_inGermanAndEnglish() throws Exception {
        SimulatedParticipant chair = bed.tester.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant ada = bed.tester.join("Ada Lovelace", Role.PARTICIPANT);
        String id = bed.start(chair, YES_NO.with("agendaItem", "TOP 4: Bebauungsplan"));
        bed.send(ada, "cast", JsonObject.of("voteId", id, "choice", "no"));
        bed.send(chair, "cast", JsonObject.of("voteId", id, "choice", "yes"));
        String finalHash = chair.received("closed").getLast().body().getString("finalHash");
        var caller = bed.tester.caller("Vorsitz", CallerRole.MODERATOR);
        for (Locale lang : List.of(Locale.GERMAN, Locale.ENGLISH)) {
            HttpResponse pdf = bed.tester.get("/votes/" + id + "/report.pdf?lang=" + lang.getLanguage(), caller);
            assertThat(pdf.status()).isEqualTo(200);
            String text = PdfText.of(pdf.body());
            assertThat(text).contains("TOP 4: Bebauungsplan", "Ada Lovelace", finalHash, "vote.opened", "ballot.accepted", "vote.closed");
            if (lang == Locale.GERMAN) {
                assertThat(text).contains("Tagesordnungspunkt", "namentliche Abstimmung", "Stimmberechtigt: 2", "Abgegebene Stimmen: 2",
                        "Ja: 1", "Nein: 1", "alle Stimmberechtigten haben abgestimmt", "Signatur (Ed25519)");
            } else {
                assertThat(text).contains("Agenda item", "roll call", "Eligible: 2", "Votes cast: 2", "Yes: 1", "every eligible member voted");
            }
            assertThat(PdfA.validate(pdf.body())).as("veraPDF, PDF/A-2B").isEmpty();
        }
    }
}
