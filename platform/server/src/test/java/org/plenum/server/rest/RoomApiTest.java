package org.plenum.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.server.TestServer;
import org.plenum.server.TwoMunicipalities;

class RoomApiTest {

    static TestServer t;
    static TwoMunicipalities towns;

    @BeforeAll
    static void start() {
        t = TestServer.start();
        towns = new TwoMunicipalities(t);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static TestServer.Reply newRoom(Map<String, Object> body) {
        TestServer.Reply r = t.post("/api/v1/rooms", towns.erfurt.member(), body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r;
    }

    @Test
    void roomsArePrivateByDefaultWithWaitingRoomForGuestsAndUnguessableIds() {
        TestServer.Reply a = newRoom(Map.of("title", "A"));
        TestServer.Reply b = newRoom(Map.of("title", "B"));
        assertThat(a.text("waitingRoom")).isEqualTo("guests");
        assertThat(a.body().path("locked").asBoolean()).isFalse();
        assertThat(a.body().path("hasPassword").asBoolean()).isFalse();
        assertThat(a.text("id")).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(b.text("id"));
        assertThat(a.body().path("dialIn").path("conferenceId").asText()).matches("\\d{10}");
        assertThat(a.body().path("dialIn").path("pin").asText()).matches("\\d{6}");
    }

    @Test
    void ownerUpdatesListsAndDeletesARoom() {
        String id = newRoom(Map.of("title", "Haushalt 2027")).text("id");
        TestServer.Reply patched = t.send("PATCH", "/api/v1/rooms/" + id, towns.erfurt.member(),
                Map.of("title", "Haushalt 2027/28", "waitingRoom", "everyone", "locked", true, "password", "geheim"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("title")).isEqualTo("Haushalt 2027/28");
        assertThat(patched.text("waitingRoom")).isEqualTo("everyone");
        assertThat(patched.body().path("hasPassword").asBoolean()).isTrue();
        assertThat(t.get("/api/v1/rooms", towns.erfurt.member()).body().findValuesAsText("id")).contains(id);

        assertThat(t.send("DELETE", "/api/v1/rooms/" + id, towns.erfurt.member(), null).status()).isEqualTo(204);
        assertThat(t.get("/api/v1/rooms/" + id, towns.erfurt.member()).status()).isEqualTo(404);
    }

    @Test
    void roomPasswordIsRequiredFromMembersButNotFromTheOwner() {
        String id = newRoom(Map.of("title", "Vertraulich", "password", "s3cret")).text("id");
        assertThat(t.post("/api/v1/rooms/" + id + "/tickets", towns.erfurt.moderator(), Map.of()).status()).isEqualTo(201);
        String colleague = towns.erfurt.admin();
        assertThat(t.post("/api/v1/rooms/" + id + "/tickets", towns.erfurt.member(), Map.of()).status()).isEqualTo(201);
        // a plain member who does not own the room needs the password
        String other = t.post("/api/v1/rooms", colleague, Map.of("title", "Mit Passwort", "password", "pw-123")).text("id");
        TestServer.Reply without = t.post("/api/v1/rooms/" + other + "/tickets", towns.erfurt.member(), Map.of());
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.text("detail")).contains("password");
        assertThat(t.post("/api/v1/rooms/" + other + "/tickets", towns.erfurt.member(), Map.of("password", "wrong")).status()).isEqualTo(403);
        assertThat(t.post("/api/v1/rooms/" + other + "/tickets", towns.erfurt.member(), Map.of("password", "pw-123")).status()).isEqualTo(201);
    }

    @Test
    void meetingsAreScheduledListedAndCancelled() {
        String id = newRoom(Map.of("title", "Ausschuss")).text("id");
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        TestServer.Reply m = t.post("/api/v1/rooms/" + id + "/meetings", towns.erfurt.member(), Map.of(
                "title", "Sitzung", "startsAt", start.toString(), "endsAt", start.plus(2, ChronoUnit.HOURS).toString(),
                "invitees", List.of("a@erfurt.de", "b@erfurt.de")));
        assertThat(m.status()).as(m.raw().body()).isEqualTo(201);
        JsonNode list = t.get("/api/v1/rooms/" + id + "/meetings", towns.erfurt.member()).body();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("invitees").size()).isEqualTo(2);
        assertThat(Instant.parse(list.get(0).path("startsAt").asText())).isEqualTo(start);

        TestServer.Reply backwards = t.post("/api/v1/rooms/" + id + "/meetings", towns.erfurt.member(), Map.of(
                "title", "Falsch", "startsAt", start.toString(), "endsAt", start.minusSeconds(60).toString()));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.text("detail")).contains("endsAt");

        assertThat(t.send("DELETE", "/api/v1/rooms/" + id + "/meetings/" + m.text("id"), towns.erfurt.member(), null).status()).isEqualTo(204);
        assertThat(t.get("/api/v1/rooms/" + id + "/meetings", towns.erfurt.member()).body()).isEmpty();
    }

    @Test
    void invitesExpireAndCanBeRevoked() {
        String id = newRoom(Map.of("title", "Sprechstunde")).text("id");
        TestServer.Reply invite = t.post("/api/v1/rooms/" + id + "/invites", towns.erfurt.member(), Map.of("label", "Presse"));
        assertThat(invite.status()).isEqualTo(201);
        String token = invite.text("token");
        assertThat(token).hasSize(32);
        assertThat(Instant.parse(invite.text("expiresAt"))).isAfter(Instant.now().plus(6, ChronoUnit.DAYS));
        Map<String, String> guest = Map.of("inviteToken", token, "displayName", "Frau Presse");
        assertThat(t.post("/api/v1/rooms/" + id + "/tickets", null, guest).status()).isEqualTo(201);

        assertThat(t.send("DELETE", "/api/v1/rooms/" + id + "/invites/" + invite.text("id"), towns.erfurt.member(), null).status()).isEqualTo(204);
        assertThat(t.post("/api/v1/rooms/" + id + "/tickets", null, guest).status()).isEqualTo(404);
        assertThat(t.get("/api/v1/invites/" + token, null).status()).isEqualTo(404);
        assertThat(t.get("/api/v1/rooms/" + id + "/invites", towns.erfurt.member()).body().get(0).path("revokedAt").isNull()).isFalse();

        String shortLived = t.post("/api/v1/rooms/" + id + "/invites", towns.erfurt.member(), Map.of("expiresInSeconds", 1)).text("token");
        long deadline = System.currentTimeMillis() + 10_000;
        int status = 201;
        while (status == 201 && System.currentTimeMillis() < deadline) {
            status = t.post("/api/v1/rooms/" + id + "/tickets", null, Map.of("inviteToken", shortLived, "displayName", "G")).status();
        }
        assertThat(status).as("an expired invite is refused").isEqualTo(404);
    }

    @Test
    void dialInCredentialsAreShownAndThePinCanBeRenewed() {
        TestServer.Reply room = newRoom(Map.of("title", "Telefonkonferenz"));
        String id = room.text("id");
        TestServer.Reply dialIn = t.get("/api/v1/rooms/" + id + "/dialin", towns.erfurt.member());
        assertThat(dialIn.text("conferenceId")).isEqualTo(room.body().path("dialIn").path("conferenceId").asText());
        TestServer.Reply renewed = t.post("/api/v1/rooms/" + id + "/dialin/pin", towns.erfurt.member(), null);
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.text("conferenceId")).isEqualTo(dialIn.text("conferenceId"));
        assertThat(renewed.text("pin")).matches("\\d{6}");
    }

    @Test
    void dialInOfAPasswordProtectedRoomIsShownToItsManagersOnly() {
        String id = t.post("/api/v1/rooms", towns.erfurt.moderator(), Map.of("title", "Geheim", "password", "pw-1")).text("id");
        assertThat(t.get("/api/v1/rooms/" + id, towns.erfurt.member()).body().path("dialIn").isNull()).isTrue();
        assertThat(t.get("/api/v1/rooms/" + id + "/dialin", towns.erfurt.member()).status()).isEqualTo(403);
        assertThat(t.get("/api/v1/rooms/" + id, towns.erfurt.admin()).body().path("dialIn").path("pin").asText()).matches("\\d{6}");
    }

    @Test
    void anInviteTokenWinsOverABearerTokenOfAnotherTenant() {
        String id = newRoom(Map.of("title", "Interkommunal")).text("id");
        String token = t.post("/api/v1/rooms/" + id + "/invites", towns.erfurt.member(), Map.of()).text("token");
        assertThat(t.post("/api/v1/rooms/" + id + "/tickets", towns.jena.member(), Map.of()).status()).isEqualTo(404);
        assertThat(t.post("/api/v1/rooms/" + id + "/tickets", towns.jena.member(), Map.of("inviteToken", token, "displayName", "Jena"))
                .status()).isEqualTo(201);
    }

    @Test
    void textWithNulCharactersAndNumericTimesAreRefused() {
        TestServer.Reply nul = t.post("/api/v1/rooms", towns.erfurt.member(), Map.of("title", "a\u0000b"));
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.text("detail")).contains("NUL");
        String id = newRoom(Map.of("title", "Zeiten")).text("id");
        TestServer.Reply numeric = t.post("/api/v1/rooms/" + id + "/meetings", towns.erfurt.member(),
                Map.of("title", "x", "startsAt", 1900000000, "endsAt", 1900003600));
        assertThat(numeric.status()).isEqualTo(400);
        assertThat(numeric.text("detail")).contains("ISO-8601");
    }

    @Test
    void invalidRoomInputGetsAClearProblem() {
        TestServer.Reply empty = t.post("/api/v1/rooms", towns.erfurt.member(), Map.of("title", " "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("detail")).contains("title");
        TestServer.Reply policy = t.post("/api/v1/rooms", towns.erfurt.member(), Map.of("title", "x", "waitingRoom", "sometimes"));
        assertThat(policy.status()).isEqualTo(400);
        assertThat(policy.text("detail")).contains("off, guests, everyone");
        TestServer.Reply unknown = t.post("/api/v1/rooms", towns.erfurt.member(), Map.of("title", "x", "color", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("detail")).contains("color");
    }
}
