package org.plenum.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plenum.it.support.Api;
import org.plenum.it.support.PluginCli;
import org.plenum.it.support.PluginAdmin;
import org.plenum.it.support.SignedPlugins;
import org.plenum.it.support.Socket;
import org.plenum.it.support.TestRun;

/**
 * The first-party polls plugin, as built and signed by the reactor, installed into the running
 * distribution over the admin API, made available to and enabled by one municipality, used over
 * WebSocket in a live room, then disabled and removed — while a room of another municipality, which
 * never had the plugin, carries on undisturbed. No restart anywhere.
 */
@ExtendWith(TestRun.Extension.class)
class PluginsEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestRun run;
    private final Api api;

    PluginsEndToEndIT(TestRun run) {
        this.run = run;
        this.api = run.api;
    }

    @Test
    void pollsIsInstalledUsedInALiveRoomDisabledAndRemovedWithoutARestart() throws Exception {
        String admin = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token");
        String erfurtChair = localUser(admin, run.erfurtTenantId, "e2e-erfurt-chair");
        String jenaChair = localUser(admin, run.jenaTenantId, "e2e-jena-chair");
        String erfurtRoom = api.post("/api/v1/rooms", erfurtChair, Map.of("title", "Stadtrat Erfurt", "waitingRoom", "off")).text("id");
        String jenaRoom = api.post("/api/v1/rooms", jenaChair, Map.of("title", "Stadtrat Jena", "waitingRoom", "off")).text("id");

        // Jena's meeting runs before, during and after everything that follows
        try (Socket jena = Socket.join(run.server.url(), ticket(jenaChair, jenaRoom))) {
            // install the signed bundle; the state makes it available to Erfurt, Erfurt's admin enables it
            HttpResponse<String> installed = upload(admin, SignedPlugins.jar("polls"));
            assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
            JsonNode plugin = JSON.readTree(installed.body());
            assertThat(plugin.path("id").asText()).isEqualTo("polls");
            assertThat(plugin.path("state").asText()).isEqualTo("active");
            assertThat(api.send("PUT", "/api/v1/admin/plugins/polls/tenants/" + run.erfurtTenantId, admin, Map.of("available", true)).status())
                    .isBetween(200, 204);
            assertThat(api.send("PUT", "/api/v1/tenants/" + run.erfurtTenantId + "/plugins/polls", admin, Map.of("enabled", true)).status())
                    .isBetween(200, 204);

            try (Socket chair = Socket.join(run.server.url(), ticket(erfurtChair, erfurtRoom))) {
                // a live poll in Erfurt's room
                JsonNode started = chair.awaitReply(chair.send("polls", "create", Map.of("question", "Sitzung vertagen?", "options", List.of("ja", "nein"))));
                assertThat(started.path("type").asText()).as(started.toString()).isIn("started", "ok");
                JsonNode poll = started.path("type").asText().equals("started") ? started : chair.await("polls", "started");
                String pollId = poll.path("body").path("poll").path("id").asText();
                assertThat(pollId).isNotBlank();
                JsonNode voted = chair.awaitReply(chair.send("polls", "vote", Map.of("pollId", pollId, "choices", List.of(0))));
                assertThat(voted.path("type").asText()).isEqualTo("voted");
                chair.awaitReply(chair.send("polls", "close", Map.of("pollId", pollId)));
                JsonNode closed = chair.await("polls", "closed");
                assertThat(closed.path("body").path("reason").asText()).isEqualTo("closed");
                assertThat(closed.path("body").path("results").path("counts").get(0).asInt()).isEqualTo(1);

                // Jena never had it: the namespace does not exist there
                JsonNode refused = jena.awaitReply(jena.send("polls", "create", Map.of("question", "x?", "options", List.of("a", "b"))));
                assertThat(refused.path("body").path("code").asText()).isEqualTo("unknown_type");

                // disabled while Erfurt meets: the module stops with a notice
                assertThat(api.post("/api/v1/admin/plugins/polls/disable", admin, Map.of()).status()).isBetween(200, 204);
                assertThat(chair.await("control", "plugin_stopped").path("body").path("plugin").asText()).isEqualTo("polls");
                assertThat(chair.awaitReply(chair.send("polls", "create", Map.of("question", "y?", "options", List.of("a", "b"))))
                        .path("body").path("code").asText()).isEqualTo("unknown_type");
            }

            assertThat(api.delete("/api/v1/admin/plugins/polls", admin).status()).isBetween(200, 204);
            assertThat(api.get("/api/v1/admin/plugins", admin).raw().body()).doesNotContain("\"polls\"");

            // and Jena's meeting went on throughout
            JsonNode chat = jena.awaitReply(jena.send("chat", "send", Map.of("text", "weiter im Text")));
            assertThat(chat.path("type").asText()).isIn("ok", "message");
        }
    }

    @Test
    void timerIsInstalledAsAPf4jPluginAndRunsInALiveRoomForItsMunicipalityOnly() throws Exception {
        String admin = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token");
        String chairToken = localUser(admin, run.erfurtTenantId, "e2e-timer-chair");
        String memberToken = localMember(admin, run.erfurtTenantId, "e2e-timer-member");
        String room = api.post("/api/v1/rooms", chairToken, Map.of("title", "Haushaltsausschuss", "waitingRoom", "off")).text("id");

        HttpResponse<String> installed = upload(admin, SignedPlugins.jar("timer"));
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        assertThat(JSON.readTree(installed.body()).path("state").asText()).isEqualTo("active");
        try {
            api.send("PUT", "/api/v1/admin/plugins/timer/tenants/" + run.erfurtTenantId, admin, Map.of("available", true));
            api.send("PUT", "/api/v1/tenants/" + run.erfurtTenantId + "/plugins/timer", admin, Map.of("enabled", true));

            try (Socket chair = Socket.join(run.server.url(), ticket(chairToken, room));
                 Socket member = Socket.join(run.server.url(), ticket(memberToken, room))) {
                // participants may not start a timer; the chair may
                assertThat(member.awaitReply(member.send("timer", "start", Map.of("kind", "countdown", "title", "Pause", "durationSeconds", 600)))
                        .path("body").path("code").asText()).isEqualTo("forbidden");
                chair.send("timer", "start", Map.of("kind", "countdown", "title", "Kaffeepause", "durationSeconds", 600));
                assertThat(member.await("timer", "started").path("body").path("timer").path("title").asText()).isEqualTo("Kaffeepause");
                member.send("timer", "ready", Map.of("ready", true));
                JsonNode ready = chair.await(f -> "ready_changed".equals(f.path("type").asText()) && f.path("body").path("readyCount").asInt() == 1,
                        "timer/ready_changed with one ready");
                assertThat(ready.path("body").path("total").asInt()).isEqualTo(2);
                chair.send("timer", "stop", Map.of());
                assertThat(member.await("timer", "ended").path("body").path("reason").asText()).isEqualTo("stopped");
            }
        } finally {
            assertThat(api.delete("/api/v1/admin/plugins/timer", admin).status()).isBetween(200, 204);
        }
    }

    /**
     * The update policy end to end: the shipped timer is installed with {@code bin/plenum plugin install}, a
     * countdown runs in a meeting, the admin updates the plugin to the signed 1.1.0 over the REST API and the room
     * gets {@code plugin_stopped} (updated) and {@code plugin_started} of 1.1.0, whose new behaviour (the server's
     * clock) answers over WebSocket; then {@code bin/plenum plugin update} brings back the shipped version and the
     * new behaviour is gone again. The meeting never ends.
     */
    @Test
    void timerIsUpdatedToANewVersionAndBackWhileAMeetingRuns() throws Exception {
        String admin = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token");
        String chairToken = localUser(admin, run.erfurtTenantId, "e2e-update-chair");
        String memberToken = localMember(admin, run.erfurtTenantId, "e2e-update-member");
        String room = api.post("/api/v1/rooms", chairToken, Map.of("title", "Bauausschuss", "waitingRoom", "off")).text("id");
        String jenaChair = localUser(admin, run.jenaTenantId, "e2e-update-jena");
        String jenaRoom = api.post("/api/v1/rooms", jenaChair, Map.of("title", "Kulturausschuss Jena", "waitingRoom", "off")).text("id");
        PluginCli cli = new PluginCli(SignedPlugins.distribution(), run.server.url(), TestRun.ADMIN_PASSWORD);
        java.nio.file.Path shipped = SignedPlugins.shipped("timer");
        String shippedVersion = shipped.getFileName().toString().replaceFirst("^timer-(.*)\\.jar$", "$1");

        // one command, with the jar the distribution ships
        PluginCli.Result installed = cli.run("install", "plugins/" + shipped.getFileName());
        assertThat(installed.exitCode()).as(installed.output()).isZero();
        assertThat(installed.output()).contains("installed").contains("timer");
        try {
            api.send("PUT", "/api/v1/admin/plugins/timer/tenants/" + run.erfurtTenantId, admin, Map.of("available", true));
            api.send("PUT", "/api/v1/tenants/" + run.erfurtTenantId + "/plugins/timer", admin, Map.of("enabled", true));

            try (Socket jena = Socket.join(run.server.url(), ticket(jenaChair, jenaRoom));
                 Socket chair = Socket.join(run.server.url(), ticket(chairToken, room));
                 Socket member = Socket.join(run.server.url(), ticket(memberToken, room))) {
                chair.send("timer", "start", Map.of("kind", "countdown", "title", "Lesepause", "durationSeconds", 900));
                member.await("timer", "started");
                assertThat(member.awaitReply(member.send("timer", "clock", Map.of())).path("body").path("code").asText())
                        .as("version " + shippedVersion + " has no clock").isEqualTo("unknown_type");

                // the admin updates over REST while the meeting runs
                HttpResponse<String> updated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(run.server.url().resolve("/api/v1/admin/plugins/timer"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofFile(SignedPlugins.nextTimer())).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
                assertThat(JSON.readTree(updated.body()).path("version").asText()).isEqualTo("1.1.0");
                assertThat(JSON.readTree(updated.body()).path("state").asText()).isEqualTo("active");

                for (Socket s : List.of(chair, member)) {
                    assertThat(s.await("timer", "ended").path("body").path("reason").asText()).isEqualTo("plugin_stopped");
                    JsonNode stopped = s.await("control", "plugin_stopped");
                    assertThat(stopped.path("body").path("plugin").asText()).isEqualTo("timer");
                    assertThat(stopped.path("body").path("reason").asText()).isEqualTo("updated");
                    JsonNode started = s.await("control", "plugin_started").path("body").path("plugin");
                    assertThat(started.path("id").asText()).isEqualTo("timer");
                    assertThat(started.path("version").asText()).isEqualTo("1.1.0");
                    assertThat(started.path("data").path("serverTime").asText()).as("1.1.0's join data has the server's clock").isNotBlank();
                }
                JsonNode clock = member.awaitReply(member.send("timer", "clock", Map.of()));
                assertThat(clock.path("type").asText()).as(clock.toString()).isEqualTo("clock");
                assertThat(java.time.Instant.parse(clock.path("body").path("serverTime").asText())).isNotNull();
                // the shared timer behaviour carries on in the new version
                chair.send("timer", "start", Map.of("kind", "stopwatch", "title", "Aussprache"));
                assertThat(member.await(f -> "started".equals(f.path("type").asText()) && "Aussprache".equals(f.path("body").path("timer").path("title").asText()),
                        "timer/started of the stopwatch").path("ns").asText()).isEqualTo("timer");

                // and back with the CLI
                PluginCli.Result back = cli.run("update", "timer", "plugins/" + shipped.getFileName());
                assertThat(back.exitCode()).as(back.output()).isZero();
                assertThat(back.output()).contains("updated").contains(shippedVersion);
                for (Socket s : List.of(chair, member)) {
                    assertThat(s.await(f -> "plugin_stopped".equals(f.path("type").asText()) && "updated".equals(f.path("body").path("reason").asText()),
                            "the second plugin_stopped").path("body").path("plugin").asText()).isEqualTo("timer");
                    assertThat(s.await(f -> "plugin_started".equals(f.path("type").asText())
                                    && shippedVersion.equals(f.path("body").path("plugin").path("version").asText()), "plugin_started of " + shippedVersion)
                            .path("body").path("plugin").path("data").isNull()).as("no timer runs, no clock in the join data").isTrue();
                }
                assertThat(member.awaitReply(member.send("timer", "clock", Map.of())).path("body").path("code").asText()).isEqualTo("unknown_type");
                assertThat(chair.awaitReply(chair.send("chat", "send", Map.of("text", "weiter"))).path("type").asText()).isIn("ok", "message");

                // Jena's meeting, which never had the timer, went on undisturbed through both updates
                assertThat(jena.awaitReply(jena.send("chat", "send", Map.of("text", "Jena tagt weiter"))).path("type").asText())
                        .isIn("ok", "message");
                assertThat(jena.unconsumed()).noneMatch(f -> f.path("type").asText().startsWith("plugin_")
                        || "timer".equals(f.path("ns").asText()));
            }
        } finally {
            PluginCli.Result removed = cli.run("uninstall", "timer");
            assertThat(removed.exitCode()).as(removed.output()).isZero();
        }
    }

    private String localMember(String admin, String tenantId, String username) {
        Api.Reply r = api.post("/api/v1/tenants/" + tenantId + "/users", admin,
                Map.of("username", username, "password", "correct-horse-battery", "displayName", username, "role", "member"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return api.post("/api/v1/auth/login", null, Map.of("username", username, "password", "correct-horse-battery")).text("access_token");
    }

    private String localUser(String admin, String tenantId, String username) {
        Api.Reply r = api.post("/api/v1/tenants/" + tenantId + "/users", admin,
                Map.of("username", username, "password", "correct-horse-battery", "displayName", username, "role", "moderator"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return api.post("/api/v1/auth/login", null, Map.of("username", username, "password", "correct-horse-battery")).text("access_token");
    }

    private String ticket(String token, String roomId) {
        Api.Reply r = api.post("/api/v1/rooms/" + roomId + "/tickets", token, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("ticket");
    }

    private HttpResponse<String> upload(String token, java.nio.file.Path jar) throws Exception {
        return new PluginAdmin(run, token).upload(jar);
    }
}
