package org.plenum.minutes;

import org.plenum.minutes.testdb.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import org.plenum.minutes.testdb.TestDatabase;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.minutes.MinutesTesting.assertPdfA;
import static org.plenum.minutes.MinutesTesting.document;
import static org.plenum.minutes.MinutesTesting.errorCode;
import static org.plenum.minutes.MinutesTesting.item;
import static org.plenum.minutes.MinutesTesting.pdfText;
import static org.plenum.minutes.MinutesTesting.state;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.audit.ChainHash;
import org.plenum.api.http.Caller;
import org.plenum.api.http.CallerRole;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Role;
import org.plenum.minutes.api.AgendaProviders;
import org.plenum.minutes.api.ProvidedAgenda;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.plenum.voting.api.VoteClosed;
import org.plenum.voting.api.VoteStarted;

/**
 * The minutes acceptance points M1–M9 (docs/design public-sector-requirements.md), each observed where a user would: in
 * what the room's participants receive, in the REST answers and in the stored PDF/A. The plugin runs in the
 * PluginTester with its storage on a real PostgreSQL.
 */
class MinutesAcceptanceTest {

    private final DataSource ds = TestDatabase.freshSchema();
    private final PluginTester t = MinutesTesting.session(ds);
    private final SimulatedParticipant chair = t.join("Vorsitzende Vogel", Role.MODERATOR);

    private void create(String title) {
        chair.send("create", JsonObject.of("title", title));
        assertThat(chair.received("created")).as(chair.received().toString()).isNotEmpty();
    }

    private void addItem(String title, boolean isPublic) {
        chair.send("item_add", JsonObject.of("title", title, "public", isPublic));
    }

    private SimulatedParticipant appointedTaker() {
        SimulatedParticipant taker = t.join("Schriftführer Schulz", Role.PARTICIPANT);
        chair.send("appoint", JsonObject.of("participantId", taker.id()));
        assertThat(taker.received("rights").getLast().body().getBoolean("canEdit")).isTrue();
        return taker;
    }

    private void edit(SimulatedParticipant taker, String itemId, String text) {
        long base = item(state(t), itemId).getLong("textRevision");
        taker.send("edit", JsonObject.of("itemId", itemId, "text", text, "base", base));
    }

    private void approveBoth(SimulatedParticipant taker) {
        long content = state(t).getLong("contentRevision");
        taker.send("approve", JsonObject.of("revision", content));
        chair.send("approve", JsonObject.of("revision", content));
    }

    @Test
    void m1_theDraftIsGeneratedFromTheAgendaWithOneSectionPerItemEachPublicOrNonPublic() {
        t.exportedService(AgendaProviders.class).orElseThrow().register((tenant, room) -> Optional.of(new ProvidedAgenda(
                "Sitzung des Stadtrats", "Rathaus, Saal 1", List.of(
                        new ProvidedAgenda.Item("1", "Eröffnung", true),
                        new ProvidedAgenda.Item("2", "Bebauungsplan Nord", true),
                        new ProvidedAgenda.Item("3", "Grundstücksangelegenheiten", false)))));
        SimulatedParticipant member = t.join("Ratsmitglied Roth", Role.PARTICIPANT);

        chair.send("create", JsonObject.of());

        JsonObject doc = document(member);
        assertThat(doc.getString("title")).isEqualTo("Sitzung des Stadtrats");
        assertThat(doc.getString("place")).isEqualTo("Rathaus, Saal 1");
        assertThat(doc.getArray("items").stream().map(i -> i.asObject().getString("number") + " " + i.asObject().getString("title")
                + " " + i.asObject().getBoolean("public") + " '" + i.asObject().getString("text") + "'"))
                .containsExactly("1 Eröffnung true ''", "2 Bebauungsplan Nord true ''", "3 Grundstücksangelegenheiten false ''");

        // without a provider, the chair edits the agenda by hand: each new item is a new section
        chair.send("item_add", JsonObject.of("title", "Verschiedenes", "public", true));
        assertThat(member.received("changed").getLast().body().getString("type")).isEqualTo("item_added");
        assertThat(item(state(t), "i4").getString("title")).isEqualTo("Verschiedenes");
        member.send("item_add", JsonObject.of("title", "Mein Punkt", "public", true));
        assertThat(errorCode(member)).isEqualTo("forbidden");
    }

    @Test
    void m2_attendanceWithPresenceArrivalsAndDeparturesPerItemAndAbsencesIsFilledInFromTheRoom() {
        SimulatedParticipant inHall = t.join("Rat im Saal", Role.PARTICIPANT, Participant.ClientKind.ROOM_SYSTEM, true);
        create("Sitzung vom 5. Januar");
        addItem("Eröffnung", true);
        addItem("Haushalt", true);
        chair.send("item_start", JsonObject.of("itemId", "i1"));
        t.advance(Duration.ofMinutes(5));
        SimulatedParticipant late = t.join("Rat von zu Hause", Role.PARTICIPANT);
        SimulatedParticipant phone = t.join("Rat am Telefon", Role.PARTICIPANT, Participant.ClientKind.PHONE, true);
        chair.send("item_start", JsonObject.of("itemId", "i2"));
        t.advance(Duration.ofMinutes(20));
        phone.leave(LeaveReason.TIMED_OUT);
        chair.send("absence", JsonObject.of("name", "Rätin Abwesend", "reason", "Krankheit"));

        JsonObject doc = document(inHall).getArray("attendance").isEmpty() ? state(t) : state(t);
        assertThat(doc.getArray("attendance").stream().map(JsonValue::asObject)
                .map(a -> a.getString("name") + "/" + a.getString("presence") + "/" + a.getBoolean("present")))
                .containsExactly("Vorsitzende Vogel/remote/true", "Rat im Saal/in_room/true", "Rat von zu Hause/remote/true",
                        "Rat am Telefon/remote/false");
        assertThat(item(doc, "i1").getArray("arrivals").stream().map(a -> a.asObject().getString("name")))
                .containsExactly("Rat von zu Hause", "Rat am Telefon");
        assertThat(item(doc, "i2").getArray("departures").stream().map(a -> a.asObject().getString("name") + " " + a.asObject().getString("reason")))
                .containsExactly("Rat am Telefon timed_out");
        assertThat(doc.getArray("absent").get(0).asObject()).isEqualTo(JsonObject.of("name", "Rätin Abwesend", "reason", "Krankheit"));
        // the chair corrects the presence of a member who sits in the hall with a laptop
        chair.send("presence", JsonObject.of("person", "u:" + late.participant().userId().orElseThrow(), "presence", "in_room"));
        assertThat(state(t).getArray("attendance").get(2).asObject().getString("presence")).isEqualTo("in_room");
        assertThat(late.received("changed")).extracting(m -> m.body().getString("type")).contains("arrived", "departed", "presence_set");
    }

    @Test
    void m3_voteResultsAreInsertedFromTheVotingPluginAndCannotBeEdited() {
        create("Sitzung");
        addItem("Bebauungsplan Nord", true);
        SimulatedParticipant taker = appointedTaker();
        UUID vote = UUID.randomUUID();
        t.publish(VoteStarted.of(t.tenantId(), t.roomId(), vote, Optional.of("1"), "roll_call", "Zustimmung zum Plan?"));
        t.publish(VoteClosed.of(t.tenantId(), t.roomId(), vote, Optional.of("1"), "roll_call", "Zustimmung zum Plan?",
                Map.of("ja", 2, "nein", 1), "ab".repeat(32),
                List.of(Map.entry("Vorsitzende Vogel", "ja"), Map.entry("Schriftführer Schulz", "ja"), Map.entry("Rat Nein", "nein"))));

        JsonObject recorded = item(state(t), "i1").getArray("votes").get(0).asObject();
        assertThat(recorded.getString("state")).isEqualTo("closed");
        assertThat(recorded.getObject("tally")).isEqualTo(JsonObject.of("ja", 2, "nein", 1));
        assertThat(recorded.getString("finalHash")).isEqualTo("ab".repeat(32));
        assertThat(taker.received("changed")).extracting(m -> m.body().getString("by")).contains("Plenum");

        // read-only: no message changes a vote; an edit cannot carry one
        taker.send("edit", JsonObject.of("itemId", "i1", "text", "x", "base", 0, "votes", "ja: 99"));
        assertThat(errorCode(taker)).isEqualTo("invalid_message");
        taker.send("vote_edit", JsonObject.of("voteId", vote.toString()));
        assertThat(errorCode(taker)).isEqualTo("unknown_type");
        assertThat(item(state(t), "i1").getArray("votes").get(0).asObject().getObject("tally")).isEqualTo(JsonObject.of("ja", 2, "nein", 1));
    }

    @Test
    void m4_aMembersRequestToRecordTheirOwnVoteIsStoredAndRefusedForSecretVotes() {
        create("Sitzung");
        addItem("Wahl", true);
        SimulatedParticipant member = t.join("Rat Roth", Role.PARTICIPANT);
        UUID open = UUID.randomUUID();
        UUID secret = UUID.randomUUID();
        t.publish(VoteClosed.of(t.tenantId(), t.roomId(), open, Optional.of("i1"), "roll_call", "Antrag A?",
                Map.of("ja", 1), "cd".repeat(32), List.of(Map.entry("Rat Roth", "ja"))));
        t.publish(VoteClosed.of(t.tenantId(), t.roomId(), secret, Optional.of("i1"), "secret", "Wahl des Beigeordneten",
                Map.of("Kandidat A", 5, "Kandidat B", 4), "ef".repeat(32), List.of()));

        member.send("record_my_vote", JsonObject.of("voteId", open.toString()));
        assertThat(member.lastReceived().type()).isEqualTo("stored");
        JsonObject note = item(state(t), "i1").getArray("notes").get(0).asObject();
        assertThat(note.getString("name")).isEqualTo("Rat Roth");
        assertThat(note.getString("choice")).as("taken from the roll call").isEqualTo("ja");

        member.send("record_my_vote", JsonObject.of("voteId", secret.toString(), "choice", "Kandidat A"));
        assertThat(errorCode(member)).isEqualTo("forbidden");
        assertThat(member.lastReceived().body().getString("message")).contains("secret");
        assertThat(item(state(t), "i1").getArray("notes")).hasSize(1);
        assertThat(state(t).toJson()).doesNotContain("Kandidat A\",\"kind\"");

        member.send("record_my_vote", JsonObject.of("voteId", open.toString()));
        assertThat(errorCode(member)).as("once per vote").isEqualTo("conflict");
    }

    @Test
    void m5_onlyAppointedMinuteTakersEditAndRevokingTakesEffectAtOnceAlsoForAnEditInFlight() {
        PluginTester held = PluginTester.forPlugin(new MinutesPlugin()).dataSource(TestDatabase.freshSchema()).holdBackgroundWork().start();
        held.runBackgroundWork();
        SimulatedParticipant vorsitz = held.join("Vorsitz", Role.MODERATOR);
        SimulatedParticipant reader = held.join("Leserin", Role.PARTICIPANT);
        SimulatedParticipant taker = held.join("Schriftführer", Role.PARTICIPANT);
        vorsitz.send("create", JsonObject.of("title", "Sitzung"));
        held.runBackgroundWork();
        vorsitz.send("item_add", JsonObject.of("title", "Bericht", "public", true));
        held.runBackgroundWork();
        held.runBackgroundWork();

        // nobody but an appointed minute-taker edits: not a member, not the chair
        reader.send("edit", JsonObject.of("itemId", "i1", "text", "Meine Sicht", "base", 0));
        held.runBackgroundWork();
        assertThat(errorCode(reader)).isEqualTo("forbidden");
        vorsitz.send("edit", JsonObject.of("itemId", "i1", "text", "Sicht des Vorsitzes", "base", 0));
        held.runBackgroundWork();
        assertThat(errorCode(vorsitz)).isEqualTo("forbidden");

        vorsitz.send("appoint", JsonObject.of("participantId", taker.id()));
        held.runBackgroundWork();
        taker.send("edit", JsonObject.of("itemId", "i1", "text", "Der Bericht wurde erstattet.", "base", 0));
        held.runBackgroundWork();
        assertThat(reader.received("changed").getLast().body().getObject("payload").getString("text"))
                .as("readers see the edit live").isEqualTo("Der Bericht wurde erstattet.");
        long base = reader.received("changed").getLast().body().getLong("seq");

        // an edit is being stored, another is queued behind it; then the chair revokes
        taker.send("edit", JsonObject.of("itemId", "i1", "text", "Zweite Fassung", "base", base));
        taker.send("edit", JsonObject.of("itemId", "i1", "text", "Dritte Fassung", "base", base));
        vorsitz.send("revoke", JsonObject.of("person", taker.id()));
        assertThat(taker.received("rights").getLast().body().getBoolean("canEdit")).as("told at once, before anything is stored").isFalse();
        assertThat(held.pendingBackgroundWork()).isEqualTo(1);

        held.runBackgroundWork();
        held.runBackgroundWork();
        assertThat(taker.received("error")).extracting(m -> m.body().getString("code")).containsExactly("forbidden");
        MinutesModule module = held.module(MinutesModule.class);
        assertThat(module.current().orElseThrow().takers()).isEmpty();
        assertThat(module.current().orElseThrow().item("i1").orElseThrow().text())
                .as("the edit already being stored when the revocation came stays; the queued one does not").isEqualTo("Zweite Fassung");
        taker.send("edit", JsonObject.of("itemId", "i1", "text", "Noch ein Versuch", "base", base + 1));
        held.runBackgroundWork();
        assertThat(errorCode(taker)).isEqualTo("forbidden");
    }

    @Test
    void m6_nonPublicContentNeverAppearsInPublicExports() {
        create("Sitzung");
        addItem("Haushalt", true);
        addItem("Grundstücksangelegenheiten", false);
        SimulatedParticipant taker = appointedTaker();
        edit(taker, "i1", "Der Haushalt wurde beraten.");
        edit(taker, "i2", "Verkauf Flurstück 4711 an Firma Geheim GmbH.");
        UUID vote = UUID.randomUUID();
        t.publish(VoteClosed.of(t.tenantId(), t.roomId(), vote, Optional.of("i2"), "roll_call", "Verkauf an Geheim GmbH?",
                Map.of("ja", 3), "01".repeat(32), List.of(Map.entry("Vorsitzende Vogel", "ja"))));
        SimulatedParticipant citizen = t.joinGuest("Bürgerin");

        String guestView = citizen.joinSnapshot().orElseThrow().toJson();
        assertThat(guestView).contains("Der Haushalt wurde beraten.").doesNotContain("Flurstück", "Geheim", "Grundstücks");
        edit(taker, "i2", "Verkauf Flurstück 4711 an Firma Geheim GmbH, einstimmig.");
        assertThat(citizen.received()).extracting(m -> m.body().toJson()).noneMatch(s -> s.contains("Flurstück") || s.contains("Geheim"));
        // asked for again (as the web client does after changes), the guest still gets the public version only
        citizen.send("get_document", JsonObject.of());
        assertThat(citizen.lastReceived().type()).isEqualTo("document");
        assertThat(citizen.lastReceived().body().toJson()).contains("Der Haushalt wurde beraten.").doesNotContain("Flurstück", "Geheim", "Grundstücks");
        taker.send("get_document", JsonObject.of());
        assertThat(taker.lastReceived().body().toJson()).contains("Flurstück");

        approveBoth(taker);
        JsonObject fin = chair.received("finalised").getLast().body();
        String id = fin.getString("documentId");
        byte[] publicPdf = t.get("/minutes/" + id + "/versions/1/public.pdf", t.caller("Bürgerin", CallerRole.GUEST)).body();
        byte[] anonymousPdf = t.get("/public/minutes/" + id + "/versions/1/public.pdf", null).body();
        assertThat(anonymousPdf).isEqualTo(publicPdf);
        assertThat(pdfText(publicPdf)).contains("Der Haushalt wurde beraten.").doesNotContain("Flurstück", "Geheim", "Grundstücks");
        HttpResponse guestJson = t.get("/minutes/" + id, t.caller("Bürgerin", CallerRole.GUEST));
        assertThat(guestJson.bodyText()).contains("Haushalt").doesNotContain("Flurstück", "Geheim", "Grundstücks");
        assertThat(t.get("/minutes/" + id + "/versions/1/minutes.pdf", t.caller("Bürgerin", CallerRole.GUEST)).status()).isEqualTo(403);
        assertThat(pdfText(t.get("/minutes/" + id + "/versions/1/minutes.pdf", t.caller("Rat", CallerRole.MEMBER)).body()))
                .as("the members' version has it").contains("Flurstück 4711");
    }

    @Test
    void m7_theFullRevisionHistoryIsKeptAndNothingIsHardDeleted() throws SQLException {
        create("Sitzung");
        addItem("Bericht", true);
        SimulatedParticipant taker = appointedTaker();
        edit(taker, "i1", "Erste Fassung");
        edit(taker, "i1", "Zweite Fassung");
        chair.send("item_withdraw", JsonObject.of("itemId", "i1"));
        String id = state(t).getString("id");
        Caller member = t.caller("Rat", CallerRole.MEMBER);

        JsonObject history = t.get("/minutes/" + id + "/revisions", member).jsonBody().asObject();
        assertThat(history.getArray("revisions").stream().map(r -> r.asObject().getString("type")))
                .containsExactly("created", "arrived", "item_added", "arrived", "taker_appointed", "section_edited", "section_edited",
                        "item_withdrawn");
        assertThat(history.getArray("revisions").stream().map(r -> r.asObject().getObject("payload").optString("text").orElse("")))
                .contains("Erste Fassung", "Zweite Fassung");
        assertThat(item(state(t), "i1").getBoolean("withdrawn")).as("withdrawn, not deleted").isTrue();
        assertThat(t.get("/minutes/" + id + "/verify", member).jsonBody().asObject().getBoolean("intact")).isTrue();

        // the database refuses to change or delete what was stored
        assertThatThrownBy(() -> TestDatabase.execute(ds, "delete from minutes_revision where seq = 6")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> TestDatabase.execute(ds, "update minutes_revision set payload = '{}' where seq = 6"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> TestDatabase.execute(ds, "truncate minutes_revision cascade")).hasMessageContaining("append-only");
        // and an edit behind the triggers' back shows where the chain breaks
        TestDatabase.execute(ds, "alter table minutes_revision disable trigger minutes_revision_append_only");
        TestDatabase.execute(ds, "update minutes_revision set payload = replace(payload, 'Erste', 'Andere') where seq = 6");
        JsonObject verdict = t.get("/minutes/" + id + "/verify", member).jsonBody().asObject();
        assertThat(verdict.getBoolean("intact")).isFalse();
        assertThat(verdict.getString("problem")).isEqualTo("content_altered");
        assertThat(verdict.getLong("seq")).isEqualTo(6);
        List<AuditEntry> audit = t.audit().chain(t.tenantId(), "minutes/" + id).read(1, 100);
        assertThat(audit).extracting(AuditEntry::type).containsExactly("minutes.created", "minutes.taker-appointed");
    }

    @Test
    void m8_finalisingNeedsChairAndMinuteTakerAndGivesAHashedPdfAAndLaterChangesMakeANewVersion() {
        create("Sitzung des Ausschusses");
        addItem("Eröffnung", true);
        SimulatedParticipant taker = appointedTaker();
        SimulatedParticipant member = t.join("Rat", Role.PARTICIPANT);
        edit(taker, "i1", "Die Sitzung wurde um 18 Uhr eröffnet. Umlaute: äöüß – „Zitat“.");
        long content = state(t).getLong("contentRevision");

        taker.send("approve", JsonObject.of("revision", content));
        assertThat(state(t).getString("status")).as("the minute-taker alone does not finalise").isEqualTo("draft");
        chair.send("approve", JsonObject.of("revision", content - 1));
        assertThat(errorCode(chair)).as("a stale approval").isEqualTo("conflict");
        member.send("approve", JsonObject.of("revision", content));
        assertThat(errorCode(member)).isEqualTo("forbidden");
        chair.send("approve", JsonObject.of("revision", content));

        JsonObject fin = member.received("finalised").getLast().body();
        assertThat(fin.getInt("version")).isEqualTo(1);
        String id = fin.getString("documentId");
        byte[] pdf = t.get("/minutes/" + id + "/versions/1/minutes.pdf", t.caller("Rat", CallerRole.MEMBER)).body();
        assertThat(ChainHash.sha256(pdf).hex()).isEqualTo(fin.getString("sha256"));
        assertPdfA(pdf);
        assertPdfA(t.get("/minutes/" + id + "/versions/1/public.pdf", t.caller("Rat", CallerRole.MEMBER)).body());
        assertThat(pdfText(pdf)).contains("Sitzung des Ausschusses", "Die Sitzung wurde um 18 Uhr eröffnet", "Vorsitz: Vorsitzende Vogel",
                "Schriftführung: Schriftführer Schulz");
        assertThat(t.audit().chain(t.tenantId(), "minutes/" + id).read(1, 100).getLast().payload().getString("sha256"))
                .isEqualTo(fin.getString("sha256"));

        // a change afterwards starts version 2; version 1 stays as it was
        edit(taker, "i1", "Die Sitzung wurde um 18:05 Uhr eröffnet.");
        assertThat(state(t).getInt("version")).isEqualTo(2);
        assertThat(state(t).getString("status")).isEqualTo("draft");
        assertThat(state(t).getObject("approvals").has("chair")).isTrue();
        assertThat(state(t).getObject("approvals").find("chair").orElseThrow().isNull()).as("approvals cleared").isTrue();
        approveBoth(taker);
        assertThat(member.received("finalised").getLast().body().getInt("version")).isEqualTo(2);
        assertThat(t.get("/minutes/" + id + "/versions/1/minutes.pdf", t.caller("Rat", CallerRole.MEMBER)).body()).isEqualTo(pdf);
        assertThat(pdfText(t.get("/minutes/" + id + "/versions/2/minutes.pdf", t.caller("Rat", CallerRole.MEMBER)).body())).contains("18:05");
    }

    @Test
    void m9_approvalGoesOnTheNextSessionsAgendaAndObjectionsBecomeCorrectionEntries() {
        create("Sitzung vom 5. Januar");
        addItem("Haushalt", true);
        SimulatedParticipant taker = appointedTaker();
        edit(taker, "i1", "Der Haushalt wurde beschlossen.");
        approveBoth(taker);
        String first = chair.received("finalised").getLast().body().getString("documentId");
        t.closeRoom();

        // the next session of the same room
        PluginTester next = PluginTester.forPlugin(new MinutesPlugin()).dataSource(ds).startAt(t.now().plus(Duration.ofDays(14))).start();
        SimulatedParticipant chair2 = next.join("Vorsitzende Vogel", Role.MODERATOR);
        SimulatedParticipant member = next.join("Rat Roth", Role.PARTICIPANT);
        chair2.send("create", JsonObject.of("title", "Sitzung vom 19. Januar"));
        JsonObject agendaItem = item(document(member), "i1");
        assertThat(agendaItem.getString("title")).startsWith("Genehmigung der Niederschrift „Sitzung vom 5. Januar“");
        assertThat(agendaItem.getString("approvalOf")).isEqualTo(first);
        assertThat(member.received("document").getLast().body().getArray("earlier").get(0).asObject().getString("status")).isEqualTo("final");

        member.send("objection", JsonObject.of("documentId", first, "text", "Ich war anwesend, nicht entschuldigt."));
        assertThat(member.lastReceived().type()).isEqualTo("stored");
        chair2.send("decide_approval", JsonObject.of("documentId", first, "decision", "approved_with_corrections"));

        JsonObject earlier = t.get("/minutes/" + first, t.caller("Rat", CallerRole.MEMBER)).jsonBody().asObject();
        assertThat(earlier.getArray("corrections").get(0).asObject().getString("text")).isEqualTo("Ich war anwesend, nicht entschuldigt.");
        assertThat(earlier.getInt("version")).as("a correction is a change: the next version").isEqualTo(2);
        assertThat(earlier.getObject("sessionDecision").getString("decision")).isEqualTo("approved_with_corrections");
        JsonObject nextDoc = next.module(MinutesModule.class).current().orElseThrow().view(false, true);
        assertThat(item(nextDoc, "i1").getArray("notes").stream().map(n -> n.asObject().getString("kind"))).containsExactly("objection", "decision");
        assertThat(next.audit().chain(next.tenantId(), "minutes/" + first).read(1, 100)).extracting(AuditEntry::type)
                .contains("minutes.correction", "minutes.session-decision");
    }
}
