package org.plenum.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.server.TestServer;
import org.plenum.server.TwoMunicipalities;

/** Everything a municipality set up is still there after the server was stopped and started again. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void tenantsUsersRoomsMeetingsInvitesAndTokensSurviveARestart() {
        String roomId;
        String inviteToken;
        String memberToken;
        String erfurtId;
        String revokedToken;
        try (TestServer first = TestServer.start(dataDir, Map.of())) {
            TwoMunicipalities towns = new TwoMunicipalities(first);
            erfurtId = towns.erfurt.tenantId();
            memberToken = towns.erfurt.member();
            roomId = first.post("/api/v1/rooms", memberToken, Map.of("title", "Ortsteilrat", "password", "pw", "waitingRoom", "everyone"))
                    .text("id");
            first.send("PATCH", "/api/v1/rooms/" + roomId, memberToken, Map.of("locked", true));
            Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            first.post("/api/v1/rooms/" + roomId + "/meetings", memberToken, Map.of("title", "Sitzung",
                    "startsAt", start.toString(), "endsAt", start.plusSeconds(3600).toString(), "invitees", List.of("x@y.de")));
            inviteToken = first.post("/api/v1/rooms/" + roomId + "/invites", memberToken, Map.of()).text("token");
            TestServer.Reply revoked = first.post("/api/v1/rooms/" + roomId + "/invites", memberToken, Map.of());
            revokedToken = revoked.text("token");
            first.send("DELETE", "/api/v1/rooms/" + roomId + "/invites/" + revoked.text("id"), memberToken, null);
        }

        try (TestServer second = TestServer.start(dataDir, Map.of())) {
            // the token issued before the restart is still valid: the signing key is stored, not regenerated
            TestServer.Reply room = second.get("/api/v1/rooms/" + roomId, memberToken);
            assertThat(room.status()).isEqualTo(200);
            assertThat(room.text("title")).isEqualTo("Ortsteilrat");
            assertThat(room.text("waitingRoom")).isEqualTo("everyone");
            assertThat(room.body().path("locked").asBoolean()).isTrue();
            assertThat(room.body().path("hasPassword").asBoolean()).isTrue();
            assertThat(second.get("/api/v1/rooms/" + roomId + "/meetings", memberToken).body().get(0).path("title").asText())
                    .isEqualTo("Sitzung");
            assertThat(second.post("/api/v1/rooms/" + roomId + "/tickets", null,
                    Map.of("inviteToken", inviteToken, "displayName", "Gast", "password", "pw")).status()).isEqualTo(201);
            assertThat(second.post("/api/v1/rooms/" + roomId + "/tickets", null,
                    Map.of("inviteToken", revokedToken, "displayName", "Gast", "password", "pw")).status()).isEqualTo(404);
            assertThat(second.login("erfurt-member", TwoMunicipalities.PASSWORD)).isNotBlank();
            assertThat(second.get("/api/v1/tenants/" + erfurtId, second.adminToken()).text("slug")).isEqualTo("erfurt");
            assertThat(second.get("/api/v1/tenants/" + erfurtId + "/users", second.adminToken()).body()).hasSize(3);
        }
    }
}
