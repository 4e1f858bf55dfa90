package org.plenum.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.server.TestServer;
import org.plenum.server.TwoMunicipalities;

/** The authorisation matrix with local accounts (the Keycloak variant lives in it-tests). */
class AuthorizationMatrixTest {

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

    private static String roomOf(String token, String title) {
        TestServer.Reply r = t.post("/api/v1/rooms", token, Map.of("title", title));
        assertThat(r.status()).isEqualTo(201);
        return r.text("id");
    }

    @Test
    void anotherMunicipalitysRoomIsNotFoundForReadChangeOrDelete() {
        String room = roomOf(towns.erfurt.member(), "Erfurt Bauausschuss");
        for (String outsider : new String[] {towns.jena.member(), towns.jena.admin(), towns.jena.moderator(), towns.platformAdmin}) {
            assertThat(t.get("/api/v1/rooms/" + room, outsider).status()).isEqualTo(404);
            assertThat(t.send("PATCH", "/api/v1/rooms/" + room, outsider, Map.of("title", "taken over")).status()).isEqualTo(404);
            assertThat(t.send("DELETE", "/api/v1/rooms/" + room, outsider, null).status()).isEqualTo(404);
            assertThat(t.get("/api/v1/rooms/" + room + "/invites", outsider).status()).isEqualTo(404);
            assertThat(t.post("/api/v1/rooms/" + room + "/tickets", outsider, Map.of()).status()).isEqualTo(404);
            assertThat(t.get("/api/v1/rooms", outsider).body().findValuesAsText("id")).doesNotContain(room);
        }
        assertThat(t.get("/api/v1/rooms/" + room, towns.erfurt.member()).text("title")).isEqualTo("Erfurt Bauausschuss");
    }

    @Test
    void aMemberCannotAdministerTheTenantButItsAdminCan() {
        String users = "/api/v1/tenants/" + towns.erfurt.tenantId() + "/users";
        assertThat(t.get(users, towns.erfurt.member()).status()).isEqualTo(403);
        assertThat(t.post(users, towns.erfurt.member(), Map.of("username", "x1", "password", "long-enough-password", "displayName", "X"))
                .status()).isEqualTo(403);
        assertThat(t.get(users, towns.erfurt.admin()).status()).isEqualTo(200);
        assertThat(t.post(users, towns.erfurt.admin(), Map.of("username", "erfurt-new", "password", "long-enough-password",
                "displayName", "Neu", "role", "member")).status()).isEqualTo(201);
    }

    @Test
    void aTenantAdminCannotReachAnotherTenantOrGrantPlatformAdmin() {
        assertThat(t.get("/api/v1/tenants/" + towns.jena.tenantId() + "/users", towns.erfurt.admin()).status()).isEqualTo(404);
        assertThat(t.post("/api/v1/tenants/" + towns.erfurt.tenantId() + "/users", towns.erfurt.admin(),
                Map.of("username", "sneaky", "password", "long-enough-password", "displayName", "S", "role", "platform_admin"))
                .status()).isEqualTo(403);
        assertThat(t.post("/api/v1/tenants", towns.erfurt.admin(), Map.of("slug", "weimar", "name", "Weimar")).status()).isEqualTo(403);
    }

    @Test
    void aMemberCannotChangeSomeoneElsesRoomButAModeratorCan() {
        String room = roomOf(towns.erfurt.admin(), "Stadtrat");
        assertThat(t.send("PATCH", "/api/v1/rooms/" + room, towns.erfurt.member(), Map.of("locked", true)).status()).isEqualTo(403);
        assertThat(t.send("DELETE", "/api/v1/rooms/" + room, towns.erfurt.member(), null).status()).isEqualTo(403);
        assertThat(t.post("/api/v1/rooms/" + room + "/invites", towns.erfurt.member(), Map.of()).status()).isEqualTo(403);
        TestServer.Reply patched = t.send("PATCH", "/api/v1/rooms/" + room, towns.erfurt.moderator(), Map.of("locked", true));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("locked").asBoolean()).isTrue();
    }

    @Test
    void aGuestReachesOnlyItsInvitedRoom() {
        String invited = roomOf(towns.erfurt.member(), "Bürgersprechstunde");
        String other = roomOf(towns.erfurt.member(), "Interne Runde");
        String token = t.post("/api/v1/rooms/" + invited + "/invites", towns.erfurt.member(), Map.of()).text("token");

        TestServer.Reply ok = t.post("/api/v1/rooms/" + invited + "/tickets", null, Map.of("inviteToken", token, "displayName", "Gast"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.text("ticket")).isNotBlank();

        assertThat(t.post("/api/v1/rooms/" + other + "/tickets", null, Map.of("inviteToken", token, "displayName", "Gast"))
                .status()).isEqualTo(404);
        assertThat(t.get("/api/v1/rooms/" + invited, null).status()).isEqualTo(401);
        assertThat(t.get("/api/v1/invites/" + token, null).text("roomTitle")).isEqualTo("Bürgersprechstunde");
    }

    @Test
    void everyApiCallWithoutATokenIsUnauthenticated() {
        for (String path : new String[] {"/api/v1/rooms", "/api/v1/tenants", "/api/v1/me"}) {
            TestServer.Reply r = t.get(path, null);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }
}
