package org.plenum.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.api.PluginId;
import org.plenum.pluginhost.load.Collectability;
import org.plenum.pluginhost.load.Fixtures;
import org.plenum.pluginhost.testing.SignedJars;
import org.plenum.server.TestServer;
import org.plenum.server.TwoMunicipalities;
import org.plenum.server.signaling.SignalingClient;

/**
 * Plugins that misbehave, installed as real signed jars through the admin API and loaded by PF4J, in live rooms
 * over real sockets: one that throws everywhere, one that hangs, one that floods, and two that leak a thread.
 * Each is reported (metric, log, an error or notice in the room), the room and the server go on, the circuit
 * breaker disables the plugin with a reason admins can read, and leaked threads follow the host's policy.
 */
class MisbehavingPluginsTest {

    static SignedJars signing;
    static TestServer t;
    static TwoMunicipalities towns;
    static Path jars;
    final List<SignalingClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        signing = new SignedJars("Plenum Test CA");
        t = TestServer.withRealPluginLoaders(signing, Map.of("plugins.call.timeout", "2s"));
        towns = new TwoMunicipalities(t);
        jars = Files.createTempDirectory("misbehaving");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SignalingClient::close);
    }

    /** A municipality of its own for each test, so that no other test's rooms host its plugin. */
    private static TwoMunicipalities.Town town(String slug) {
        return towns.another(t, slug, "Gemeinde " + slug);
    }

    /** Installs the fixture as plugin {@code id} misbehaving in {@code mode}, used by {@code town}. */
    private static TestServer.Reply install(String id, String mode, TwoMunicipalities.Town town) throws Exception {
        Path jar = signing.sign(Fixtures.misbehaving(id, mode, jars.resolve(id + ".jar")));
        TestServer.Reply r = t.upload("POST", "/api/v1/admin/plugins", towns.platformAdmin, jar);
        if (r.status() == 201) {
            assertThat(t.send("PUT", "/api/v1/admin/plugins/" + id + "/tenants/" + town.tenantId(), towns.platformAdmin,
                    Map.of("available", true)).status()).isEqualTo(200);
            assertThat(t.send("PUT", "/api/v1/tenants/" + town.tenantId() + "/plugins/" + id, town.admin(),
                    Map.of("enabled", true)).status()).isEqualTo(200);
        }
        return r;
    }

    private SignalingClient join(String token, String roomId) {
        SignalingClient c = SignalingClient.connect(t);
        c.join(t.post("/api/v1/rooms/" + roomId + "/tickets", token, Map.of()).text("ticket"));
        clients.add(c);
        return c;
    }

    private static String room(String token) {
        return t.post("/api/v1/rooms", token, Map.of("title", "Ausschuss", "waitingRoom", "off")).text("id");
    }

    private static JsonNode plugin(String id) {
        return t.get("/api/v1/admin/plugins/" + id, towns.platformAdmin).body();
    }

    private static String metrics() {
        return t.get("/metrics", null).raw().body();
    }

    private static double failures(String plugin, String kind) {
        String prefix = "plenum_plugin_failures_total{application=\"plenum\",kind=\"" + kind + "\",plugin=\"" + plugin + "\"} ";
        return metrics().lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(prefix.length())))
                .findFirst().orElse(0);
    }

    /** Polls {@code probe} every 20 ms for at most 10 s. */
    private static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(20); // the pause of a bounded poll
        }
        throw new AssertionError("not within 10 s: " + what);
    }

    private static Optional<Thread> thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(x -> x.getName().equals(name) && x.isAlive()).findFirst();
    }

    /** The room and the server still work: a chat message goes round. */
    private static void roomStillWorks(SignalingClient c) {
        c.request("chat", "send", Map.of("text", "die Sitzung geht weiter"));
        assertThat(t.get("/readyz", null).status()).isEqualTo(200);
    }

    @Test
    void aPluginThatThrowsEverywhereIsReportedAnsweredWithPluginErrorAndDisabledByTheBreaker() throws Exception {
        TwoMunicipalities.Town town = town("gotha");
        assertThat(install("thrower", "throw", town).status()).isEqualTo(201);
        String roomId = room(town.moderator());
        SignalingClient chair = join(town.moderator(), roomId);
        // joinSnapshot and onJoin threw (and the event handler of ParticipantJoined): the join worked all the same
        JsonNode refused = chair.awaitReply(chair.send("thrower", "anything", Map.of()));
        assertThat(refused.path("body").path("code").asText()).isEqualTo("plugin_error");
        assertThat(refused.path("body").path("message").asText()).contains("the meeting goes on");
        TestServer.Reply route = t.get("/api/v1/plugins/thrower/boom", town.member());
        assertThat(route.status()).isEqualTo(500);
        assertThat(route.text("detail")).doesNotContain("route bug");

        // five failures (joinSnapshot, onJoin, the event handler, onMessage, the route) trip the breaker
        JsonNode stopped = chair.await("control", "plugin_stopped");
        assertThat(stopped.path("body").path("plugin").asText()).isEqualTo("thrower");
        assertThat(stopped.path("body").path("reason").asText()).isEqualTo("failed");
        JsonNode row = await("thrower failed", () -> Optional.of(plugin("thrower")).filter(p -> p.path("state").asText().equals("failed")));
        assertThat(row.path("reason").asText()).startsWith("disabled by the circuit breaker: it failed 5 times within 60 s (last: threw in ");
        assertThat(failures("thrower", "threw")).isGreaterThanOrEqualTo(5);
        assertThat(chair.awaitReply(chair.send("thrower", "anything", Map.of())).path("body").path("code").asText()).isEqualTo("unknown_type");
        roomStillWorks(chair);

        // an admin may try again; it is the same plugin, so it fails again
        assertThat(t.post("/api/v1/admin/plugins/thrower/enable", towns.platformAdmin, Map.of()).status()).isEqualTo(200);
        assertThat(chair.await("control", "plugin_started").path("body").path("plugin").path("id").asText()).isEqualTo("thrower");
        assertThat(t.send("DELETE", "/api/v1/admin/plugins/thrower", towns.platformAdmin, null).status()).isEqualTo(204);
        roomStillWorks(chair);
    }

    @Test
    void aPluginWhoseStartThrowsIsRefusedWithItsMessage() throws Exception {
        TestServer.Reply r = install("refuser", "throw-start", towns.erfurt);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("detail")).contains("refused to start: the fixture refuses to start");
        assertThat(t.get("/api/v1/admin/plugins/refuser", towns.platformAdmin).status()).isEqualTo(404);
    }

    @Test
    void aPluginThatHangsIsCutOffInTheRoomAndDisabledAtOnceWhileAnotherRoomGoesOn() throws Exception {
        TwoMunicipalities.Town town = town("suhl");
        assertThat(install("hanger", "hang", town).status()).isEqualTo(201);
        String roomId = room(town.moderator());
        String otherRoom = room(town.moderator());
        SignalingClient chair = join(town.moderator(), roomId);
        SignalingClient other = join(town.moderator(), otherRoom);
        assertThat(chair.awaitReply(chair.send("hanger", "ping", Map.of())).path("type").asText()).isEqualTo("pong");

        long before = System.nanoTime();
        JsonNode cut = chair.awaitReply(chair.send("hanger", "hang", Map.of()));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("bounded by the call timeout, loosely").isLessThan(Duration.ofSeconds(8));
        assertThat(cut.path("body").path("code").asText()).isEqualTo("plugin_error");
        assertThat(cut.path("body").path("message").asText()).contains("did not answer in time");
        assertThat(chair.await("control", "plugin_stopped").path("body").path("reason").asText()).isEqualTo("failed");
        roomStillWorks(chair);

        JsonNode row = await("hanger failed", () -> Optional.of(plugin("hanger")).filter(p -> p.path("state").asText().equals("failed")));
        assertThat(row.path("reason").asText()).isEqualTo("disabled by the circuit breaker: it did not return in time (onMessage)");
        assertThat(failures("hanger", "timed_out")).isEqualTo(1);
        assertThat(other.await("control", "plugin_stopped").path("body").path("reason").asText()).isEqualTo("failed");
        roomStillWorks(other);
        assertThat(t.send("DELETE", "/api/v1/admin/plugins/hanger", towns.platformAdmin, null).status()).isEqualTo(204);
    }

    @Test
    void aPluginThatFloodsIsCappedReportedAndDisabled() throws Exception {
        TwoMunicipalities.Town town = town("weimar");
        assertThat(install("flooder", "flood", town).status()).isEqualTo(201);
        String roomId = room(town.moderator());
        SignalingClient chair = join(town.moderator(), roomId);
        SignalingClient member = join(town.member(), roomId);
        chair.send("flooder", "flood", Map.of());
        member.awaitCount(f -> "flooded".equals(f.path("type").asText()), 200);
        roomStillWorks(member);
        assertThat(member.pending("flooder", "flooded").size()).as("at most its share of one second went out").isLessThanOrEqualTo(200);
        await("flooded reported", () -> Optional.of(failures("flooder", "flooded")).filter(n -> n >= 1));

        // flooding on: one report a second at most, five trip the breaker
        JsonNode row = await("flooder failed", () -> {
            chair.send("flooder", "flood", Map.of());
            JsonNode p = plugin("flooder");
            return p.path("state").asText().equals("failed") ? Optional.of(p) : Optional.empty();
        });
        assertThat(row.path("reason").asText()).startsWith("disabled by the circuit breaker: it failed 5 times").contains("flooded in send");
        assertThat(member.await("control", "plugin_stopped").path("body").path("reason").asText()).isEqualTo("failed");
        roomStillWorks(member);
        assertThat(t.send("DELETE", "/api/v1/admin/plugins/flooder", towns.platformAdmin, null).status()).isEqualTo(204);
    }

    @Test
    void aLeakedThreadIsInterruptedWhenThePluginStopsReportedAndTheClassLoaderFreed() throws Exception {
        assertThat(install("leaker", "leak-thread", town("sonneberg")).status()).isEqualTo(201);
        Thread leaked = await("the leaked thread", () -> thread("leaker-leaked-worker"));
        assertThat(leaked.isDaemon()).isFalse();
        Collectability.Labelled loader = Collectability.Labelled.of("leaker's class loader",
                t.server.plugins().classLoaderOf(PluginId.of("leaker")).orElseThrow());

        assertThat(t.post("/api/v1/admin/plugins/leaker/disable", towns.platformAdmin, Map.of()).status()).isEqualTo(200);
        assertThat(leaked.isAlive()).as("interrupted, it ended").isFalse();
        leaked = null;
        assertThat(failures("leaker", "leaked_thread")).isEqualTo(1);
        JsonNode row = plugin("leaker");
        assertThat(row.path("state").asText()).isEqualTo("disabled");
        assertThat(Collectability.stillReachableAfter(Duration.ofSeconds(20), List.of(loader))).isEmpty();
        assertThat(t.send("DELETE", "/api/v1/admin/plugins/leaker", towns.platformAdmin, null).status()).isEqualTo(204);
    }

    @Test
    void aLeakedThreadThatIgnoresTheInterruptMarksThePluginFailedWithTheThreadsName() throws Exception {
        TwoMunicipalities.Town town = town("eisenach");
        assertThat(install("stubborn", "leak-stubborn-thread", town).status()).isEqualTo(201);
        Thread leaked = await("the leaked thread", () -> thread("stubborn-leaked-worker"));
        String roomId = room(town.moderator());
        SignalingClient chair = join(town.moderator(), roomId);

        assertThat(t.post("/api/v1/admin/plugins/stubborn/disable", towns.platformAdmin, Map.of()).status()).isEqualTo(200);
        assertThat(chair.await("control", "plugin_stopped").path("body").path("plugin").asText()).isEqualTo("stubborn");
        JsonNode row = plugin("stubborn");
        assertThat(row.path("state").asText()).isEqualTo("failed");
        assertThat(row.path("reason").asText()).isEqualTo("disabled by an administrator; it left thread 'stubborn-leaked-worker' running, "
                + "which did not end within 2 s of an interrupt; its classes stay in memory until that ends or the server restarts");
        assertThat(failures("stubborn", "leaked_thread")).isEqualTo(1);
        roomStillWorks(chair);
        // this one ends by itself once its jar is closed (the plugin was unloaded after the grace period)
        leaked.join(Duration.ofSeconds(10));
        assertThat(leaked.isAlive()).isFalse();
        assertThat(t.send("DELETE", "/api/v1/admin/plugins/stubborn", towns.platformAdmin, null).status()).isEqualTo(204);
    }
}
