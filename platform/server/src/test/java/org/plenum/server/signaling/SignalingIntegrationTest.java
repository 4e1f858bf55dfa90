package org.plenum.server.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.server.TestServer;

/**
 * The signaling protocol end to end: a real server, real sockets, several participants per room. Each
 * test uses its own room. A short reconnect grace (3 s: short, yet long enough for a resume on a busy
 * machine) keeps the timeout tests quick.
 */
class SignalingIntegrationTest {

    static TestServer t;
    static MeetingFixture f;
    static String anna;
    static String bert;
    static String carl;
    final List<SignalingClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        t = TestServer.start(Map.of("signaling.reconnect.grace", "3s", "signaling.join.timeout", "2s"));
        f = new MeetingFixture(t);
        anna = f.user("anna", "Anna Amsel");
        bert = f.user("bert", "Bert Buche");
        carl = f.user("carl", "Carl Clausen");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SignalingClient::close);
    }

    private SignalingClient join(String user, String room) {
        SignalingClient c = f.join(user, room);
        clients.add(c);
        return c;
    }

    private SignalingClient connect() {
        SignalingClient c = SignalingClient.connect(t);
        clients.add(c);
        return c;
    }

    private static Map<String, String> target(SignalingClient c) {
        return Map.of("participantId", c.participantId);
    }

    /** Frames of a room arrive in order: once everyone has this message, earlier frames have arrived too. */
    private static void barrier(SignalingClient sender, String text, SignalingClient... everyone) {
        sender.request("chat", "send", Map.of("text", text));
        for (SignalingClient c : everyone) {
            c.await("chat", "message", b -> b.path("text").asText().equals(text));
        }
    }

    // ---- joining

    @Test
    void joinerGetsSnapshotAndIsAnnouncedToEveryone() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        JsonNode joined = a.all().getFirst();

        assertThat(joined.path("ns").asText()).isEqualTo("control");
        assertThat(joined.path("ts").asText()).endsWith("Z");
        JsonNode body = joined.path("body");
        assertThat(body.path("role").asText()).isEqualTo("participant");
        assertThat(body.path("resumeToken").asText()).isNotBlank();
        assertThat(body.path("room").path("locked").asBoolean()).isFalse();
        assertThat(body.path("room").path("waitingRoom").asText()).isEqualTo("off");
        assertThat(body.path("plugins").isArray()).isTrue();
        assertThat(body.has("waiting")).as("only moderators see the waiting list").isFalse();
        assertThat(body.path("participants").findValuesAsText("displayName")).containsExactly("Vorsitz", "Anna Amsel");
        assertThat(body.path("participants").get(0).path("role").asText()).isEqualTo("moderator");

        JsonNode announced = chair.await("control", "participant_joined").path("body").path("participant");
        assertThat(announced.path("id").asText()).isEqualTo(a.participantId);
        assertThat(announced.path("displayName").asText()).isEqualTo("Anna Amsel");
        assertThat(announced.path("guest").asBoolean()).isFalse();
        assertThat(announced.path("muted").asBoolean()).isFalse();
        assertThat(announced.path("handRaised").asBoolean()).isFalse();

        SignalingClient b = join(bert, room);
        chair.await("control", "participant_joined", p -> p.path("participant").path("id").asText().equals(b.participantId));
        a.await("control", "participant_joined", p -> p.path("participant").path("id").asText().equals(b.participantId));
    }

    @Test
    void displayNameInJoinIsShownAndRenameIsAnnounced() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = connect();
        a.remember(a.awaitReply(a.send("control", "join", Map.of("ticket", f.ticket(anna, room), "displayName", "Anna A."))));
        chair.await("control", "participant_joined", p -> p.path("participant").path("displayName").asText().equals("Anna A."));

        a.request("control", "update", Map.of("displayName", "Dr. Anna Amsel"));
        JsonNode upd = chair.await("control", "participant_updated").path("body");
        assertThat(upd.path("participant").path("displayName").asText()).isEqualTo("Dr. Anna Amsel");
        assertThat(upd.path("changed").get(0).asText()).isEqualTo("name");
    }

    @Test
    void firstFrameOtherThanJoinIsRefusedAndClosed() {
        SignalingClient c = connect();
        String id = c.send("chat", "send", Map.of("text", "hallo"));
        assertThat(c.awaitReply(id).path("body").path("code").asText()).isEqualTo("not_joined");
        assertThat(c.awaitClose()).isEqualTo(4400);

        SignalingClient d = connect();
        d.sendRaw("not json");
        assertThat(d.await("control", "error").path("body").path("code").asText()).isEqualTo("invalid_message");
        assertThat(d.awaitClose()).isEqualTo(4400);
    }

    @Test
    void aSocketThatNeverJoinsIsClosedAfterTheJoinTimeout() {
        SignalingClient silent = connect();
        assertThat(silent.awaitClose()).isEqualTo(4408);
    }

    @Test
    void unknownOrUsedTicketIsRefused() {
        String room = f.room("off");
        String ticket = f.ticket(anna, room);
        join(anna, room);
        SignalingClient first = connect();
        first.join(ticket);

        SignalingClient again = connect();
        String id = again.send("control", "join", Map.of("ticket", ticket));
        assertThat(again.awaitReply(id).path("body").path("code").asText()).isEqualTo("invalid_ticket");
        assertThat(again.awaitClose()).isEqualTo(4401);
    }

    @Test
    void secondJoinOnTheSameSocketIsAnErrorButKeepsTheConnection() {
        String room = f.room("off");
        SignalingClient a = join(anna, room);
        a.requestRefused("control", "join", Map.of("ticket", f.ticket(anna, room)), "already_joined");
        a.request("hand", "raise", Map.of());
        assertThat(a.isClosed()).isFalse();
    }

    // ---- leaving and reconnecting

    @Test
    void leaveIsAnnouncedAtOnce() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        a.request("control", "leave", Map.of());
        assertThat(a.awaitClose()).isEqualTo(1000);
        JsonNode left = chair.await("control", "participant_left").path("body");
        assertThat(left.path("participantId").asText()).isEqualTo(a.participantId);
        assertThat(left.path("reason").asText()).isEqualTo("left");
    }

    @Test
    void reconnectWithinGraceKeepsTheParticipantId() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        chair.await("control", "participant_joined");
        a.request("hand", "raise", Map.of());
        String id = a.participantId;
        String token = a.resumeToken;
        a.drop();
        chair.await("control", "participant_updated", b -> b.path("changed").get(0).asText().equals("connection")
                && !b.path("participant").path("connected").asBoolean());

        SignalingClient back = connect();
        JsonNode joined = back.remember(back.awaitReply(back.send("control", "join", Map.of("resumeToken", token))));
        assertThat(back.participantId).isEqualTo(id);
        assertThat(back.resumeToken).as("resume tokens are single-use").isNotEqualTo(token);
        assertThat(joined.path("body").path("raisedHands").get(0).path("participantId").asText()).isEqualTo(id);
        chair.await("control", "participant_updated", b -> b.path("participant").path("connected").asBoolean());
        assertThat(chair.pending("control", "participant_left")).isEmpty();
        assertThat(chair.pending("control", "participant_joined")).isEmpty();

        SignalingClient replay = connect();
        String rid = replay.send("control", "join", Map.of("resumeToken", token));
        assertThat(replay.awaitReply(rid).path("body").path("code").asText()).isEqualTo("invalid_resume_token");
        assertThat(replay.awaitClose()).isEqualTo(4401);
    }

    @Test
    void aUserRejoiningWithAFreshTicketWithinGraceTakesOverTheirEntry() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        chair.await("control", "participant_joined");
        String id = a.participantId;
        a.drop();
        chair.await("control", "participant_updated", b -> !b.path("participant").path("connected").asBoolean());

        SignalingClient reloaded = join(anna, room);
        assertThat(reloaded.participantId).as("a page reload without the resume token keeps the same entry").isEqualTo(id);
        chair.await("control", "participant_updated", b -> b.path("participant").path("connected").asBoolean());
        assertThat(chair.pending("control", "participant_joined")).isEmpty();
    }

    @Test
    void resumingOnANewSocketReplacesTheOldOne() {
        String room = f.room("off");
        join(f.chair, room);
        SignalingClient a = join(anna, room);
        SignalingClient second = connect();
        second.remember(second.awaitReply(second.send("control", "join", Map.of("resumeToken", a.resumeToken))));
        assertThat(second.participantId).isEqualTo(a.participantId);
        assertThat(a.awaitClose()).isEqualTo(4409);
    }

    @Test
    void participantLeftAfterGracePeriod() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        a.drop();
        JsonNode left = chair.await("control", "participant_left").path("body");
        assertThat(left.path("participantId").asText()).isEqualTo(a.participantId);
        assertThat(left.path("reason").asText()).isEqualTo("timeout");

        SignalingClient late = connect();
        String id = late.send("control", "join", Map.of("resumeToken", a.resumeToken));
        assertThat(late.awaitReply(id).path("body").path("code").asText()).isEqualTo("invalid_resume_token");
    }

    // ---- chat

    @Test
    void chatReachesTheRoomAndPrivateMessagesOnlyTheirRecipient() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        SignalingClient b = join(bert, room);

        a.request("chat", "send", Map.of("text", "Guten Morgen"));
        for (SignalingClient c : List.of(chair, a, b)) {
            JsonNode m = c.await("chat", "message").path("body");
            assertThat(m.path("text").asText()).isEqualTo("Guten Morgen");
            assertThat(m.path("from").asText()).isEqualTo(a.participantId);
            assertThat(m.path("fromName").asText()).isEqualTo("Anna Amsel");
            assertThat(m.path("private").asBoolean()).isFalse();
        }

        a.request("chat", "send", Map.of("text", "nur für Bert", "to", b.participantId));
        JsonNode got = b.await("chat", "message").path("body");
        assertThat(got.path("private").asBoolean()).isTrue();
        assertThat(got.path("to").asText()).isEqualTo(b.participantId);
        a.await("chat", "message", m -> m.path("text").asText().equals("nur für Bert"));

        barrier(a, "danach", chair, a, b);
        assertThat(chair.all()).noneMatch(fr -> fr.path("body").path("text").asText().equals("nur für Bert"));

        // the late joiner sees the room messages, not the private one
        SignalingClient c = join(carl, room);
        JsonNode history = c.all().getFirst().path("body").path("chat");
        assertThat(history.findValuesAsText("text")).containsExactly("Guten Morgen", "danach");

        // a resumed recipient sees their private message in the history
        b.drop();
        SignalingClient bBack = connect();
        JsonNode joined = bBack.remember(bBack.awaitReply(bBack.send("control", "join", Map.of("resumeToken", b.resumeToken))));
        assertThat(joined.path("body").path("chat").findValuesAsText("text")).containsExactly("Guten Morgen", "nur für Bert", "danach");
    }

    @Test
    void privateMessageToSomeoneNotInTheRoomIsNotFound() {
        String room = f.room("off");
        SignalingClient a = join(anna, room);
        a.requestRefused("chat", "send", Map.of("text", "hallo", "to", "p-nobody"), "not_found");
        a.requestRefused("chat", "send", Map.of("text", "ich", "to", a.participantId), "invalid_request");
        a.requestRefused("chat", "send", Map.of("text", "x".repeat(4001)), "invalid_message");
    }

    @Test
    void moderatorClearsTheChatForEveryone() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        barrier(a, "eins", chair, a);
        a.requestRefused("chat", "clear", Map.of(), "forbidden");
        chair.request("chat", "clear", Map.of());
        assertThat(a.await("chat", "cleared").path("body").path("by").asText()).isEqualTo(chair.participantId);
        SignalingClient b = join(bert, room);
        assertThat(b.all().getFirst().path("body").path("chat").size()).isZero();
    }

    // ---- waiting room and lock

    @Test
    void waitingRoomHoldsGuestsUntilAdmitted() {
        String room = f.room("guests");
        SignalingClient chair = join(f.chair, room);
        SignalingClient member = join(anna, room);
        String invite = f.invite(room);

        SignalingClient guest = connect();
        String id = guest.send("control", "join", Map.of("ticket", f.guestTicket(room, invite, "Gast Gerda")));
        JsonNode waiting = guest.awaitReply(id);
        assertThat(waiting.path("ns").asText()).isEqualTo("moderation");
        assertThat(waiting.path("type").asText()).isEqualTo("waiting");
        String guestId = waiting.path("body").path("participantId").asText();

        JsonNode list = chair.await("moderation", "waiting_list").path("body").path("waiting");
        assertThat(list.findValuesAsText("displayName")).containsExactly("Gast Gerda");
        assertThat(list.get(0).path("guest").asBoolean()).isTrue();
        guest.requestRefused("chat", "send", Map.of("text", "darf ich?"), "not_admitted");

        // a late moderator finds the list in the snapshot
        chair.request("moderation", "promote", Map.of("participantId", member.participantId));
        member.await("moderation", "waiting_list", b -> b.path("waiting").size() == 1);

        chair.request("moderation", "admit", Map.of("participantId", guestId));
        JsonNode joined = guest.await("control", "joined").path("body");
        assertThat(joined.path("participantId").asText()).isEqualTo(guestId);
        assertThat(joined.path("role").asText()).isEqualTo("guest");
        JsonNode announced = member.await("control", "participant_joined").path("body").path("participant");
        assertThat(announced.path("guest").asBoolean()).isTrue();
        assertThat(chair.await("moderation", "waiting_list", b -> b.path("waiting").isEmpty())).isNotNull();
    }

    @Test
    void rejectedGuestIsToldAndDisconnected() {
        String room = f.room("guests");
        SignalingClient chair = join(f.chair, room);
        String invite = f.invite(room);
        SignalingClient guest = connect();
        String id = guest.send("control", "join", Map.of("ticket", f.guestTicket(room, invite, "Gast Georg")));
        String guestId = guest.awaitReply(id).path("body").path("participantId").asText();
        chair.await("moderation", "waiting_list", b -> b.path("waiting").size() == 1);

        chair.request("moderation", "reject", Map.of("participantId", guestId));
        guest.await("moderation", "rejected");
        assertThat(guest.awaitClose()).isEqualTo(4403);
        chair.await("moderation", "waiting_list", b -> b.path("waiting").isEmpty());
        assertThat(chair.pending("control", "participant_joined")).isEmpty();
    }

    @Test
    void everyoneButModeratorsWaitsWhenThePolicySaysSo() {
        String room = f.room("everyone");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = connect();
        String id = a.send("control", "join", Map.of("ticket", f.ticket(anna, room)));
        assertThat(a.awaitReply(id).path("type").asText()).isEqualTo("waiting");
        chair.await("moderation", "waiting_list", b -> b.path("waiting").size() == 1);
    }

    @Test
    void lockedRoomRefusesNewParticipantsButNotModerators() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        chair.request("moderation", "lock", Map.of());
        assertThat(a.await("control", "room_updated").path("body").path("room").path("locked").asBoolean()).isTrue();
        assertThat(t.get("/api/v1/rooms/" + room, f.token(f.chair)).body().path("locked").asBoolean()).as("persisted").isTrue();

        SignalingClient b = connect();
        String id = b.send("control", "join", Map.of("ticket", f.ticket(bert, room)));
        JsonNode refused = b.awaitReply(id);
        assertThat(refused.path("body").path("code").asText()).isEqualTo("room_locked");
        assertThat(refused.path("body").path("message").asText()).contains("locked");
        assertThat(b.awaitClose()).isEqualTo(4403);

        SignalingClient chair2 = join(f.chair, room);
        assertThat(chair2.all().getFirst().path("body").path("room").path("locked").asBoolean()).isTrue();

        chair.request("moderation", "unlock", Map.of());
        a.await("control", "room_updated", u -> !u.path("room").path("locked").asBoolean());
        join(bert, room);
    }

    @Test
    void aRoomChangedThroughRestShowsInTheMeetingAtOnce() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);

        Map<String, Object> change = Map.of("locked", true, "title", "Ratssitzung (nicht öffentlich)", "waitingRoom", "guests");
        assertThat(t.send("PATCH", "/api/v1/rooms/" + room, f.token(f.chair), change).status()).isEqualTo(200);
        JsonNode updated = a.await("control", "room_updated").path("body");
        assertThat(updated.path("room").path("locked").asBoolean()).isTrue();
        assertThat(updated.path("room").path("title").asText()).isEqualTo("Ratssitzung (nicht öffentlich)");
        assertThat(updated.path("room").path("waitingRoom").asText()).isEqualTo("guests");
        assertThat(updated.has("by")).as("no participant did it").isFalse();
        chair.await("control", "room_updated");

        SignalingClient b = connect();
        String id = b.send("control", "join", Map.of("ticket", f.ticket(bert, room)));
        assertThat(b.awaitReply(id).path("body").path("code").asText()).as("the lock holds at once").isEqualTo("room_locked");

        // a change that alters nothing the meeting shows (the password) is not announced
        assertThat(t.send("PATCH", "/api/v1/rooms/" + room, f.token(f.chair), Map.of("password", "geheim-2026")).status()).isEqualTo(200);
        assertThat(t.send("PATCH", "/api/v1/rooms/" + room, f.token(f.chair), Map.of("locked", false)).status()).isEqualTo(200);
        JsonNode unlocked = a.await("control", "room_updated").path("body");
        assertThat(unlocked.path("room").path("locked").asBoolean()).as("the next announcement is the unlock").isFalse();
    }

    // ---- moderation

    @Test
    void kickedParticipantIsRemovedAndEveryoneSeesWhy() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        SignalingClient b = join(bert, room);

        chair.request("moderation", "kick", target(a));
        assertThat(a.await("moderation", "removed").path("body").path("reason").asText()).isEqualTo("kicked");
        assertThat(a.awaitClose()).isEqualTo(4410);
        JsonNode left = b.await("control", "participant_left").path("body");
        assertThat(left.path("participantId").asText()).isEqualTo(a.participantId);
        assertThat(left.path("reason").asText()).isEqualTo("kicked");

        // the kicked participant cannot slip back in with the resume token, but a kick is not a ban
        SignalingClient resume = connect();
        String rid = resume.send("control", "join", Map.of("resumeToken", a.resumeToken));
        assertThat(resume.awaitReply(rid).path("body").path("code").asText()).isEqualTo("invalid_resume_token");
        join(anna, room);
    }

    @Test
    void bannedUserCannotComeBack() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        String ticketBeforeBan = f.ticket(anna, room);

        chair.request("moderation", "ban", target(a));
        assertThat(a.await("moderation", "removed").path("body").path("reason").asText()).isEqualTo("banned");
        assertThat(a.awaitClose()).isEqualTo(4410);
        assertThat(chair.await("control", "participant_left").path("body").path("reason").asText()).isEqualTo("banned");

        assertThat(f.ticketReply(anna, room).status()).as("the ticket REST refuses").isEqualTo(403);
        SignalingClient again = connect();
        String id = again.send("control", "join", Map.of("ticket", ticketBeforeBan));
        assertThat(again.awaitReply(id).path("body").path("code").asText()).isEqualTo("banned");
        assertThat(again.awaitClose()).isEqualTo(4403);
    }

    @Test
    void bannedGuestInviteCannotComeBack() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        String invite = f.invite(room);
        SignalingClient guest = connect();
        guest.join(f.guestTicket(room, invite, "Gast Gustav"));
        String ticketBeforeBan = f.guestTicket(room, invite, "Gast Gustav");

        chair.request("moderation", "ban", target(guest));
        assertThat(guest.awaitClose()).isEqualTo(4410);
        assertThat(f.guestTicketReply(room, invite, "Anderer Name").status()).isEqualTo(403);
        SignalingClient again = connect();
        String id = again.send("control", "join", Map.of("ticket", ticketBeforeBan));
        assertThat(again.awaitReply(id).path("body").path("code").asText()).isEqualTo("banned");
    }

    @Test
    void promotedParticipantMayModerateAndDemotedMayNot() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        SignalingClient b = join(bert, room);

        chair.request("moderation", "promote", target(a));
        JsonNode upd = b.await("control", "participant_updated").path("body");
        assertThat(upd.path("participant").path("role").asText()).isEqualTo("moderator");
        assertThat(upd.path("changed").get(0).asText()).isEqualTo("role");
        a.request("moderation", "mute", target(b));

        chair.request("moderation", "demote", target(a));
        b.await("control", "participant_updated", u -> u.path("participant").path("role").asText().equals("participant"));
        a.requestRefused("moderation", "mute", target(chair), "forbidden");
    }

    @Test
    void muteSetsTheFlagEveryoneSees() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        SignalingClient b = join(bert, room);
        chair.request("moderation", "mute", target(a));
        for (SignalingClient c : List.of(a, b)) {
            JsonNode upd = c.await("control", "participant_updated").path("body");
            assertThat(upd.path("participant").path("id").asText()).isEqualTo(a.participantId);
            assertThat(upd.path("participant").path("muted").asBoolean()).isTrue();
            assertThat(upd.path("changed").get(0).asText()).isEqualTo("muted");
        }
        SignalingClient c = join(carl, room);
        JsonNode annaInSnapshot = c.all().getFirst().path("body").path("participants").get(1);
        assertThat(annaInSnapshot.path("muted").asBoolean()).isTrue();
    }

    @Test
    void nonModeratorModerationIsForbiddenAndChangesNothing() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        SignalingClient b = join(bert, room);
        for (String type : List.of("kick", "ban", "mute", "promote", "demote")) {
            JsonNode refused = a.requestRefused("moderation", type, target(b), "forbidden");
            assertThat(refused.path("ns").asText()).isEqualTo("moderation");
        }
        for (String type : List.of("lock", "unlock", "end_meeting")) {
            a.requestRefused("moderation", type, Map.of(), "forbidden");
        }
        a.requestRefused("moderation", "admit", Map.of("participantId", "p-x"), "forbidden");
        a.requestRefused("hand", "lower_all", Map.of(), "forbidden");
        a.requestRefused("hand", "lower", target(b), "forbidden");

        barrier(chair, "alles beim Alten", chair, a, b);
        for (SignalingClient c : List.of(chair, a, b)) {
            assertThat(c.pending("control", "participant_left")).isEmpty();
            assertThat(c.pending("control", "participant_updated")).isEmpty();
            assertThat(c.pending("control", "room_updated")).isEmpty();
            assertThat(c.pending("control", "room_closed")).isEmpty();
        }
        assertThat(b.isClosed()).isFalse();
        SignalingClient c = join(carl, room);
        JsonNode snapshot = c.all().getFirst().path("body");
        assertThat(snapshot.path("participants").size()).isEqualTo(4);
        assertThat(snapshot.path("participants").findValuesAsText("role")).containsExactly("moderator", "participant", "participant", "participant");
        assertThat(snapshot.path("room").path("locked").asBoolean()).isFalse();
    }

    @Test
    void endMeetingClosesTheRoomForEveryone() {
        String room = f.room("guests");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        SignalingClient guest = connect();
        guest.send("control", "join", Map.of("ticket", f.guestTicket(room, f.invite(room), "Gast")));
        guest.await("moderation", "waiting");
        chair.await("moderation", "waiting_list", w -> w.path("waiting").size() == 1);

        chair.request("moderation", "end_meeting", Map.of());
        for (SignalingClient c : List.of(chair, a, guest)) {
            assertThat(c.await("control", "room_closed").path("body").path("reason").asText()).isEqualTo("ended");
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
        // the room can meet again, with an empty chat and nobody from before
        SignalingClient again = join(anna, room);
        assertThat(again.all().getFirst().path("body").path("participants").size()).isEqualTo(1);
    }

    // ---- hands

    @Test
    void raisedHandsAreOrderedByTimeAndModeratorsLowerThem() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        SignalingClient b = join(bert, room);

        b.request("hand", "raise", Map.of());
        a.request("hand", "raise", Map.of());
        chair.await("control", "participant_updated", u -> u.path("participant").path("id").asText().equals(a.participantId));

        SignalingClient c = join(carl, room);
        JsonNode raised = c.all().getFirst().path("body").path("raisedHands");
        assertThat(raised.findValuesAsText("participantId")).containsExactly(b.participantId, a.participantId);

        a.request("hand", "lower", Map.of());
        b.await("control", "participant_updated", u -> u.path("participant").path("id").asText().equals(a.participantId)
                && !u.path("participant").path("handRaised").asBoolean());
        a.request("hand", "raise", Map.of());
        chair.request("hand", "lower", target(b));
        b.await("control", "participant_updated", u -> u.path("participant").path("id").asText().equals(b.participantId)
                && !u.path("participant").path("handRaised").asBoolean());

        c.request("hand", "raise", Map.of());
        chair.request("hand", "lower_all", Map.of());
        SignalingClient d = join(bert, room);
        assertThat(d.all().getFirst().path("body").path("raisedHands").size()).isZero();
    }

    // ---- limits

    @Test
    void sustainedFloodingIsClosedWith1008() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        // one frame at a time, each answered: the first 50 (the burst) as unknown_type, then rate_limited;
        // the 101st rate_limited answer within 10 s is followed by the close, so we stop sending there
        int rateLimited = 0;
        for (int i = 0; i < 1000 && rateLimited <= 100; i++) {
            String id = a.send("hand", "nonsense", Map.of());
            JsonNode reply = a.awaitReply(id);
            assertThat(reply.path("type").asText()).isEqualTo("error");
            if (reply.path("body").path("code").asText().equals("rate_limited")) {
                rateLimited++;
            }
        }
        assertThat(rateLimited).isEqualTo(101);
        assertThat(a.awaitClose()).isEqualTo(1008);
        // the room did not notice, apart from the usual reconnect grace
        barrier(chair, "weiter", chair);
        assertThat(chair.isClosed()).isFalse();
    }

    @Test
    void metricsCountRoomsParticipantsFramesAndErrors() {
        String room = f.room("off");
        SignalingClient a = join(anna, room);
        a.requestRefused("nope", "nothing", Map.of(), "unknown_type");
        String metrics = t.get("/metrics", null).raw().body();
        assertThat(metrics).contains("plenum_signaling_rooms").contains("plenum_signaling_participants")
                .contains("plenum_signaling_frames_in_total").contains("plenum_signaling_frames_out_total")
                .contains("plenum_signaling_errors_total{application=\"plenum\",code=\"unknown_type\"}")
                .contains("plenum_signaling_closes_total");
        assertThat(t.server.core().signaling.roomCount()).isPositive();
        assertThat(t.server.core().signaling.participantCount()).isPositive();
    }
}
