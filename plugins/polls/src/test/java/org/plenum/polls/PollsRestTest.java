package org.plenum.polls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.plenum.api.http.Caller;
import org.plenum.api.http.CallerRole;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.Test;

/** GET /api/v1/plugins/polls/rooms/{roomId}/polls: the results of a room's closed polls. */
class PollsRestTest {

    @Test
    void membersOfTheRoomsTenantReadClosedPollsNewestFirst() {
        PluginTester tester = PluginTester.forPlugin(new PollsPlugin()).start();
        SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
        SimulatedParticipant ben = tester.join("Ben", Role.PARTICIPANT);
        chair.send("create", PollLifecycleTest.lunchPoll().with("anonymous", false));
        String first = chair.lastReceived().body().getObject("poll").getString("id");
        ben.send("vote", JsonObject.of("pollId", first, "choices", JsonArray.of(0)));
        chair.send("close", JsonObject.of("pollId", first));
        chair.send("create", JsonObject.of("question", "Open still", "options", JsonArray.of("a", "b")));

        HttpResponse response = tester.get("/rooms/room-1/polls", tester.caller("Ada", CallerRole.MEMBER));

        assertThat(response.status()).isEqualTo(200);
        JsonObject body = response.jsonBody().asObject();
        assertThat(body.getString("roomId")).isEqualTo("room-1");
        assertThat(body.getArray("polls")).singleElement().satisfies(poll -> {
            JsonObject p = poll.asObject();
            assertThat(p.getObject("poll").getString("id")).isEqualTo(first);
            assertThat(p.getString("reason")).isEqualTo("closed");
            assertThat(p.getString("closedAt")).isEqualTo("2026-01-05T09:00:00Z");
            assertThat(p.getObject("results").getArray("counts")).isEqualTo(JsonArray.of(1, 0, 0));
            assertThat(p.getObject("results").getArray("voters").get(0).asArray()).hasSize(1);
        });

        String second = tester.sent("started").getLast().body().getObject("poll").getString("id");
        chair.send("close", JsonObject.of("pollId", second));
        assertThat(tester.get("/rooms/room-1/polls", tester.caller("Ada", CallerRole.MEMBER)).jsonBody().asObject().getArray("polls"))
                .extracting(p -> p.asObject().getObject("poll").getString("id")).containsExactly(second, first);
    }

    @Test
    void otherTenantsUnknownRoomsAndAnonymousCallersGetNothing() {
        PluginTester tester = PluginTester.forPlugin(new PollsPlugin()).start();
        SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
        chair.send("create", PollLifecycleTest.lunchPoll());
        chair.send("close", JsonObject.of("pollId", chair.lastReceived().body().getObject("poll").getString("id")));

        Caller stranger = new Caller(UUID.randomUUID(), UUID.randomUUID(), "Eve", CallerRole.TENANT_ADMIN);
        HttpResponse foreign = tester.get("/rooms/room-1/polls", stranger);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.bodyText()).doesNotContain("Lunch");
        assertThat(tester.get("/rooms/room-2/polls", tester.caller("Ada", CallerRole.MEMBER)).status()).isEqualTo(404);
        assertThat(tester.get("/rooms/room-1/polls", null).status()).isEqualTo(401);
        assertThat(tester.routes()).containsExactly("GET /rooms/{roomId}/polls");
    }

    @Test
    void theArchiveKeepsTheLastPollsOfEachRoomAndTenantApart() {
        PollArchive archive = new PollArchive();
        UUID tenant = UUID.randomUUID();
        for (int i = 0; i < PollArchive.POLLS_PER_ROOM + 5; i++) {
            archive.add(tenant, "r", JsonObject.of("n", i));
        }
        assertThat(archive.closedPolls(tenant, "r")).hasSize(PollArchive.POLLS_PER_ROOM)
                .first().isEqualTo(JsonObject.of("n", PollArchive.POLLS_PER_ROOM + 4));
        assertThat(archive.closedPolls(UUID.randomUUID(), "r")).isEmpty();

        for (int i = 0; i < PollArchive.ROOMS; i++) {
            archive.add(tenant, "room-" + i, JsonObject.of());
        }
        assertThat(archive.closedPolls(tenant, "r")).as("the least recently used room makes way").isEmpty();
    }
}
