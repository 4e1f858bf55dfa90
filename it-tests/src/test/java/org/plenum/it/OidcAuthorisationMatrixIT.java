package org.plenum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.it.support.Person.ERFURT_ADMIN;
import static org.plenum.it.support.Person.ERFURT_GUEST;
import static org.plenum.it.support.Person.ERFURT_MEMBER;
import static org.plenum.it.support.Person.ERFURT_MODERATOR;
import static org.plenum.it.support.Person.ERFURT_NO_ROLE;
import static org.plenum.it.support.Person.JENA_ADMIN;
import static org.plenum.it.support.Person.JENA_MEMBER;
import static org.plenum.it.support.Person.JENA_MODERATOR;
import static org.plenum.it.support.Person.STATE_ADMIN;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plenum.it.support.Api;
import org.plenum.it.support.Person;
import org.plenum.it.support.TestRun;

/**
 * The authorisation matrix with real Keycloak tokens: Erfurt runs its own realm, Jena is a group in the
 * state's realm; both are tenants of one Plenum server.
 */
@ExtendWith(TestRun.Extension.class)
class OidcAuthorisationMatrixIT {

    private final TestRun run;
    private final Api api;

    OidcAuthorisationMatrixIT(TestRun run) {
        this.run = run;
        this.api = run.api;
    }

    @Test
    void rolesAndMunicipalitiesFromKeycloakAppearInMe() {
        Map<Person, List<String>> expected = Map.of(
                ERFURT_ADMIN, List.of(run.erfurtTenantId, "tenant_admin"),
                ERFURT_MODERATOR, List.of(run.erfurtTenantId, "moderator"),
                ERFURT_MEMBER, List.of(run.erfurtTenantId, "member"),
                ERFURT_NO_ROLE, List.of(run.erfurtTenantId, "member"),
                ERFURT_GUEST, List.of(run.erfurtTenantId, "guest"),
                JENA_ADMIN, List.of(run.jenaTenantId, "tenant_admin"),
                JENA_MODERATOR, List.of(run.jenaTenantId, "moderator"),
                JENA_MEMBER, List.of(run.jenaTenantId, "member"),
                STATE_ADMIN, List.of(run.stateTenantId, "platform_admin"));
        expected.forEach((person, tenantAndRole) -> {
            Api.Reply me = api.get("/api/v1/me", run.token(person));
            assertThat(me.status()).as("GET /me of %s: %s", person, me).isEqualTo(200);
            assertThat(List.of(me.text("tenantId"), me.text("role"))).as("tenant and role of %s", person).isEqualTo(tenantAndRole);
            assertThat(me.text("displayName")).isEqualTo(person.displayName());
        });
    }

    @Test
    void oneMunicipalityCannotSeeOrChangeTheRoomsOfAnother() {
        String erfurtRoom = createRoom(ERFURT_MODERATOR, "Stadtrat Erfurt");
        String jenaRoom = createRoom(JENA_MODERATOR, "Stadtrat Jena");

        for (Person outsider : List.of(JENA_ADMIN, JENA_MODERATOR, JENA_MEMBER)) {
            assertInvisible(outsider, erfurtRoom);
        }
        for (Person outsider : List.of(ERFURT_ADMIN, ERFURT_MODERATOR, ERFURT_MEMBER)) {
            assertInvisible(outsider, jenaRoom);
        }
        assertThat(api.get("/api/v1/rooms/" + erfurtRoom, run.token(ERFURT_MEMBER)).text("title")).isEqualTo("Stadtrat Erfurt");
        assertThat(api.get("/api/v1/rooms/" + jenaRoom, run.token(JENA_MEMBER)).text("title")).isEqualTo("Stadtrat Jena");
    }

    @Test
    void theStatesPlatformAdminAdministersTenantsButDoesNotSeeTheirRooms() {
        String erfurtRoom = createRoom(ERFURT_MEMBER, "Personalrat");
        String admin = run.token(STATE_ADMIN);
        assertThat(ids(api.get("/api/v1/tenants", admin).body())).contains(run.erfurtTenantId, run.jenaTenantId);
        assertThat(api.get("/api/v1/tenants/" + run.jenaTenantId + "/users", admin).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/rooms/" + erfurtRoom, admin).status()).isEqualTo(404);
    }

    @Test
    void membersAndModeratorsCannotAdministerTheirTenant() {
        Map<Person, String> people = Map.of(ERFURT_MEMBER, run.erfurtTenantId, ERFURT_MODERATOR, run.erfurtTenantId,
                ERFURT_NO_ROLE, run.erfurtTenantId, JENA_MEMBER, run.jenaTenantId, JENA_MODERATOR, run.jenaTenantId);
        people.forEach((person, tenant) -> {
            Api.Reply list = api.get("/api/v1/tenants/" + tenant + "/users", run.token(person));
            assertThat(list.status()).as("GET users as %s: %s", person, list).isEqualTo(403);
            Api.Reply create = api.post("/api/v1/tenants/" + tenant + "/users", run.token(person), newLocalUser("sneaky-" + person.username()));
            assertThat(create.status()).as("POST users as %s: %s", person, create).isEqualTo(403);
            assertThat(create.detail()).isNotBlank();
        });
    }

    @Test
    void aTenantAdminAdministersItsOwnTenantOnly() {
        String erfurtAdmin = run.token(ERFURT_ADMIN);
        api.get("/api/v1/me", run.token(ERFURT_MEMBER)); // Erika has been seen by the server

        Api.Reply users = api.get("/api/v1/tenants/" + run.erfurtTenantId + "/users", erfurtAdmin);
        assertThat(users.status()).as("%s", users).isEqualTo(200);
        assertThat(StreamSupport.stream(users.body().spliterator(), false).map(u -> u.path("displayName").asText()))
                .contains(ERFURT_ADMIN.displayName(), ERFURT_MEMBER.displayName());
        Api.Reply created = api.post("/api/v1/tenants/" + run.erfurtTenantId + "/users", erfurtAdmin, newLocalUser("sitzungsdienst"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.text("tenantId")).isEqualTo(run.erfurtTenantId);

        assertThat(api.get("/api/v1/tenants/" + run.jenaTenantId + "/users", erfurtAdmin).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/tenants/" + run.jenaTenantId + "/users", erfurtAdmin, newLocalUser("intruder")).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + run.jenaTenantId + "/users", run.token(JENA_ADMIN)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/tenants/" + run.erfurtTenantId + "/users", run.token(JENA_ADMIN)).status()).isEqualTo(404);
    }

    @Test
    void aModeratorManagesEveryRoomOfItsTenant() {
        moderatorManagesTheRoomOf(ERFURT_MEMBER, ERFURT_MODERATOR);
        moderatorManagesTheRoomOf(JENA_MEMBER, JENA_MODERATOR);
    }

    @Test
    void aMemberCannotChangeTheRoomOfAnotherMember() {
        String room = createRoom(ERFURT_MEMBER, "Teamrunde");
        String other = run.token(ERFURT_NO_ROLE);
        assertThat(api.get("/api/v1/rooms/" + room, other).status()).isEqualTo(200);
        Api.Reply rename = api.patch("/api/v1/rooms/" + room, other, Map.of("title", "Meins"));
        assertThat(rename.status()).as("%s", rename).isEqualTo(403);
        assertThat(api.delete("/api/v1/rooms/" + room, other).status()).isEqualTo(403);
    }

    @Test
    void aUserWithTheGuestRoleSeesNoRoomsAndCreatesNone() {
        String room = createRoom(ERFURT_MEMBER, "Bauausschuss");
        String guest = run.token(ERFURT_GUEST);
        Api.Reply list = api.get("/api/v1/rooms", guest);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).isEmpty();
        assertThat(api.get("/api/v1/rooms/" + room, guest).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/rooms", guest, Map.of("title", "Gastraum")).status()).isEqualTo(403);
    }

    @Test
    void anInvitedGuestGetsATicketForTheInvitedRoomOnly() {
        String invited = createRoom(ERFURT_MODERATOR, "Bürgersprechstunde");
        String other = createRoom(ERFURT_MODERATOR, "Haushaltsklausur");
        Api.Reply invite = api.post("/api/v1/rooms/" + invited + "/invites", run.token(ERFURT_MODERATOR), Map.of("label", "Bürgerin"));
        assertThat(invite.status()).as("%s", invite).isEqualTo(201);
        String inviteToken = invite.text("token");

        assertThat(api.get("/api/v1/invites/" + inviteToken, null).text("roomId")).isEqualTo(invited);
        Api.Reply ticket = api.post("/api/v1/rooms/" + invited + "/tickets", null, Map.of("inviteToken", inviteToken, "displayName", "Bürgerin Beispiel"));
        assertThat(ticket.status()).as("%s", ticket).isEqualTo(201);
        assertThat(ticket.text("ticket")).isNotBlank();

        Api.Reply elsewhere = api.post("/api/v1/rooms/" + other + "/tickets", null, Map.of("inviteToken", inviteToken, "displayName", "Bürgerin Beispiel"));
        assertThat(elsewhere.status()).as("%s", elsewhere).isEqualTo(404);
        assertThat(elsewhere.detail()).contains("not valid for it");
    }

    private String createRoom(Person owner, String title) {
        Api.Reply r = api.post("/api/v1/rooms", run.token(owner), Map.of("title", title));
        assertThat(r.status()).as("create room as %s: %s", owner, r).isEqualTo(201);
        return r.text("id");
    }

    private void moderatorManagesTheRoomOf(Person owner, Person moderator) {
        String room = createRoom(owner, "Teamrunde");
        String mod = run.token(moderator);
        Api.Reply renamed = api.patch("/api/v1/rooms/" + room, mod, Map.of("title", "Teamrunde (moderiert)", "locked", true));
        assertThat(renamed.status()).as("PATCH as %s: %s", moderator, renamed).isEqualTo(200);
        assertThat(renamed.text("title")).isEqualTo("Teamrunde (moderiert)");
        assertThat(renamed.body().path("locked").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/rooms/" + room + "/invites", mod, Map.of("label", "Presse")).status()).isEqualTo(201);
        assertThat(api.delete("/api/v1/rooms/" + room, mod).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/rooms/" + room, run.token(owner)).status()).isEqualTo(404);
    }

    private void assertInvisible(Person outsider, String room) {
        String token = run.token(outsider);
        String path = "/api/v1/rooms/" + room;
        assertThat(api.get(path, token).status()).as("GET %s as %s", room, outsider).isEqualTo(404);
        assertThat(api.patch(path, token, Map.of("title", "Übernommen")).status()).as("PATCH as %s", outsider).isEqualTo(404);
        assertThat(api.delete(path, token).status()).as("DELETE as %s", outsider).isEqualTo(404);
        assertThat(api.post(path + "/tickets", token, Map.of()).status()).as("ticket as %s", outsider).isEqualTo(404);
        Api.Reply list = api.get("/api/v1/rooms", token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list.body())).as("rooms listed for %s", outsider).doesNotContain(room);
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    private static Map<String, String> newLocalUser(String username) {
        return Map.of("username", username, "password", "a-long-enough-password", "displayName", "Sitzungsdienst", "role", "member");
    }
}
