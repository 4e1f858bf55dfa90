package org.plenum.voting.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.server.TestServer;
import org.plenum.server.signaling.SignalingClient;
import org.plenum.voting.blind.BlindRsa;

/**
 * The real server (embedded PostgreSQL, Jetty, the plugin host) with the built, signed voting bundle installed over
 * the admin API and enabled for one municipality, and the calls the tests need.
 */
final class VotingServer implements AutoCloseable {

    static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger SEQ = new AtomicInteger();

    final TestServer t;
    final Path dataDir;
    String tenantId;
    String admin;

    private VotingServer(TestServer t, Path dataDir) {
        this.t = t;
        this.dataDir = dataDir;
        this.admin = t.adminToken();
    }

    static Path jar() {
        return Path.of(System.getProperty("plenum.plugin.jar"));
    }

    static Map<String, String> settings() {
        Path truststore = jar().getParent().getParent().getParent().resolve("sdk/build-signing/target/test-ca/plenum-test-truststore.p12");
        return Map.of("plugins.truststore", truststore.toString(), "plugins.truststore.password", "plenum-test");
    }

    /** A fresh server with the plugin installed and enabled for a new tenant. */
    static VotingServer startWithPlugin(Path dataDir) {
        VotingServer s = new VotingServer(TestServer.start(dataDir, settings()), dataDir);
        TestServer.Reply installed = s.t.upload("POST", "/api/v1/admin/plugins", s.admin, jar());
        assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
        TestServer.Reply tenant = s.t.post("/api/v1/tenants", s.admin, Map.of("slug", "rat" + SEQ.incrementAndGet(), "name", "Gemeinderat"));
        assertThat(tenant.status()).as(tenant.raw().body()).isEqualTo(201);
        s.tenantId = tenant.text("id");
        assertThat(s.t.send("PUT", "/api/v1/admin/plugins/voting/tenants/" + s.tenantId, s.admin, Map.of("available", true)).status())
                .isBetween(200, 204);
        assertThat(s.t.send("PUT", "/api/v1/tenants/" + s.tenantId + "/plugins/voting", s.admin, Map.of("enabled", true)).status())
                .isBetween(200, 204);
        return s;
    }

    /** The same data directory after a restart: the plugin comes back by itself. */
    static VotingServer restart(Path dataDir, String tenantId) {
        VotingServer s = new VotingServer(TestServer.start(dataDir, settings()), dataDir);
        s.tenantId = tenantId;
        return s;
    }

    /** A member of the tenant; returns the access token. */
    String member(String username, String displayName) {
        TestServer.Reply r = t.post("/api/v1/tenants/" + tenantId + "/users", admin,
                Map.of("username", username, "password", PASSWORD, "displayName", displayName, "role", "member"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return t.login(username, PASSWORD);
    }

    String login(String username) {
        return t.login(username, PASSWORD);
    }

    String room(String chairToken) {
        TestServer.Reply r = t.post("/api/v1/rooms", chairToken, Map.of("title", "Ratssitzung", "waitingRoom", "off"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.text("id");
    }

    SignalingClient join(String token, String roomId) {
        TestServer.Reply r = t.post("/api/v1/rooms/" + roomId + "/tickets", token, Map.of());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        SignalingClient c = SignalingClient.connect(t);
        c.join(r.text("ticket"));
        return c;
    }

    /** A secret-vote credential, obtained as the browser would (blind, ask over the socket, unblind). */
    record Credential(byte[] message, byte[] signature) {
    }

    static Credential credential(SignalingClient c, JsonNode vote) throws Exception {
        RSAPublicKey pk = BlindRsa.publicKey(Base64.getDecoder().decode(vote.path("publicKey").asText()));
        BlindRsa variant = BlindRsa.byRfcName(vote.path("variant").asText());
        BlindRsa.Prepared prepared = variant.prepare(BlindRsa.randomBytes(32));
        BlindRsa.Blinded blinded = variant.blind(pk, prepared.message());
        JsonNode answer = answer(c, c.send("voting", "credential", Map.of("voteId", vote.path("voteId").asText(),
                "blindedMessage", Base64.getUrlEncoder().withoutPadding().encodeToString(blinded.blindedMessage()))));
        byte[] blindSig = Base64.getUrlDecoder().decode(answer.path("body").path("blindSignature").asText());
        return new Credential(prepared.message(), variant.finalize(pk, prepared.message(), blindSig, blinded.inverse()));
    }

    /**
     * The plugin's answer to a message: the host acknowledges with {@code ok} at once when the module answers later
     * (after storing), so the answer that counts is the next frame with the same {@code re}.
     */
    static JsonNode answer(SignalingClient c, String id) {
        return c.await(f -> id.equals(f.path("re").asText(null)) && !f.path("type").asText().equals("ok"), "the answer to " + id);
    }

    /** Sends and returns the plugin's answer, failing on a refusal. */
    static JsonNode call(SignalingClient c, String type, Map<String, ?> body) {
        JsonNode a = answer(c, c.send("voting", type, body));
        if (a.path("type").asText().equals("error")) {
            throw new AssertionError("voting/" + type + " was refused: " + a);
        }
        return a;
    }

    /** The anonymous ballot: a plain HTTP client, no token, no cookie. */
    HttpResponse<String> castSecret(HttpClient anonymous, String voteId, Credential c, String choice) throws Exception {
        String body = "{\"voteId\":\"" + voteId + "\",\"credential\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(c.message())
                + "\",\"signature\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(c.signature()) + "\",\"choice\":\"" + choice + "\"}";
        return anonymous.send(HttpRequest.newBuilder(t.uri("/api/v1/plugins/voting/ballots")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SQL as the database superuser, as an operator (or attacker) with access to PostgreSQL would run it. */
    void superuserSql(String... statements) {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    Connection superuser() throws SQLException {
        return DriverManager.getConnection(t.server.core().database.embeddedJdbcUrl());
    }

    @Override
    public void close() {
        t.close();
    }
}
