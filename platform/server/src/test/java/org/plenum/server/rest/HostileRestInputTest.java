package org.plenum.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.server.TestServer;
import org.plenum.server.TwoMunicipalities;

/**
 * Thousands of malformed, oversized and hostile REST requests: each gets a clear 4xx problem document,
 * the server stays up, and nothing in the database changes.
 */
class HostileRestInputTest {

    static TestServer t;
    static TwoMunicipalities towns;
    static String roomId;
    static String token;

    @BeforeAll
    static void start() {
        t = TestServer.start(Map.of("auth.login.max.failures.per.address", "100000", "auth.login.max.failures", "100000"));
        towns = new TwoMunicipalities(t);
        token = towns.erfurt.admin();
        roomId = t.post("/api/v1/rooms", token, Map.of("title", "Zielraum")).text("id");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private record Endpoint(String method, String path) {
    }

    private List<Endpoint> endpoints() {
        String tenant = towns.erfurt.tenantId();
        return List.of(
                new Endpoint("POST", "/api/v1/tenants"),
                new Endpoint("POST", "/api/v1/tenants/" + tenant + "/users"),
                new Endpoint("POST", "/api/v1/rooms"),
                new Endpoint("PATCH", "/api/v1/rooms/" + roomId),
                new Endpoint("POST", "/api/v1/rooms/" + roomId + "/meetings"),
                new Endpoint("POST", "/api/v1/rooms/" + roomId + "/invites"),
                new Endpoint("POST", "/api/v1/rooms/" + roomId + "/tickets"));
    }

    /** Bodies that are wrong by construction: none of them may be accepted. */
    private static List<Supplier<byte[]>> hostileBodies(Random rnd) {
        List<Supplier<byte[]>> g = new ArrayList<>();
        g.add(() -> randomBytes(rnd, 1 + rnd.nextInt(2000)));
        g.add(() -> truncate(rnd, "{\"title\":\"Raum\",\"password\":\"x\",\"waitingRoom\":\"off\"}"));
        g.add(() -> utf8("{\"" + randomWord(rnd) + "\":\"" + randomWord(rnd) + "\"}"));
        g.add(() -> utf8("{\"title\":" + rnd.nextInt() + "}"));
        g.add(() -> utf8("{\"title\":true,\"slug\":[],\"name\":{},\"startsAt\":17}"));
        g.add(() -> utf8("{\"title\":\"" + "x".repeat(201 + rnd.nextInt(5000)) + "\",\"slug\":\"" + "y".repeat(300) + "\"}"));
        g.add(() -> utf8("[".repeat(100 + rnd.nextInt(5000)) + "]".repeat(10)));
        g.add(() -> utf8("{\"title\":null,\"slug\":null,\"startsAt\":\"yesterday\",\"expiresInSeconds\":\"soon\"}"));
        g.add(() -> utf8("{\"title\":\"'; drop table plenum.room; --\",\"waitingRoom\":\"<script>\",\"slug\":\"../../etc\"}"));
        g.add(() -> utf8("{\"expiresInSeconds\":-5,\"inviteToken\":\"" + "A".repeat(rnd.nextInt(300)) + "\",\"locked\":\"yes\"}"));
        g.add(() -> new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        g.add(() -> utf8("{\"title\":\"a\"}{\"title\":\"b\"}"));
        g.add(() -> utf8("{\"title\":\"x\",\"title\":\"y\",\"unknownField\":1}"));
        g.add(() -> utf8("{\"startsAt\":\"2026-13-45T99:00:00Z\",\"endsAt\":\"x\",\"invitees\":\"everyone\",\"title\":\"t\",\"bogus\":0}"));
        g.add(() -> utf8("1e999999999"));
        return g;
    }

    @Test
    void thousandsOfHostileRequestsGetClearErrorsAndChangeNothing() throws Exception {
        Map<String, Long> before = tableCounts();
        String roomsBefore = t.get("/api/v1/rooms", token).raw().body();
        Random rnd = new Random(20261129);
        List<Supplier<byte[]>> bodies = hostileBodies(rnd);
        List<Endpoint> endpoints = endpoints();
        int sent = 0;
        long deadline = System.currentTimeMillis() + 120_000;
        for (int i = 0; i < 3000 && System.currentTimeMillis() < deadline; i++) {
            Endpoint e = endpoints.get(rnd.nextInt(endpoints.size()));
            byte[] body = bodies.get(rnd.nextInt(bodies.size())).get();
            String contentType = rnd.nextInt(10) == 0 ? "text/plain" : "application/json";
            HttpResponse<String> r = send(e.method(), e.path(), body, contentType, rnd.nextInt(8) == 0 ? null : token);
            assertClearClientError(r, e + " with " + preview(body));
            sent++;
        }
        // oversized bodies are refused from their declared length, before a byte of them is read
        RawReply huge = raw("POST /api/v1/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (2 * 1024 * 1024) + "\r\nConnection: close\r\n\r\n");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(huge.body()).contains("\"detail\"");
        // hostile paths
        for (String path : List.of("/api/v1/rooms/%zz", "/api/v1/rooms/" + "r".repeat(5000), "/api/v1/rooms/..%2f..%2fetc",
                "/api/v1/tenants/not-a-uuid/users", "/api/v1/rooms/" + roomId + "/meetings/not-a-uuid",
                "/api/v1/invites/" + "%00".repeat(20), "/api/v1/rooms/%E2%80%AE")) {
            RawReply r = rawGet(path);
            assertThat(r.status()).as(path).isBetween(400, 499);
            assertThat(r.head()).as(path).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(r.body()).as(path).contains("\"detail\"");
        }
        // a login storm with random credentials
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> r = send("POST", "/api/v1/auth/login",
                    utf8("{\"username\":\"" + randomWord(rnd) + "\",\"password\":\"" + randomWord(rnd) + "\"}"), "application/json", null);
            assertClearClientError(r, "login storm");
        }

        assertThat(sent).isGreaterThanOrEqualTo(1000);
        assertThat(t.get("/healthz", null).status()).isEqualTo(200);
        assertThat(tableCounts()).isEqualTo(before);
        assertThat(t.get("/api/v1/rooms", token).raw().body()).isEqualTo(roomsBefore);
    }

    private static void assertClearClientError(HttpResponse<String> r, String what) {
        assertThat(r.statusCode()).as("status for %s", what).isBetween(400, 499);
        assertThat(r.headers().firstValue("Content-Type")).as("content type for %s", what)
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).as("body for %s", what).contains("\"detail\"");
    }

    private Map<String, Long> tableCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of("tenant", "app_user", "room", "meeting", "invite", "room_ban")) {
            counts.put(table, t.server.core().jdbc.one("select count(*) from plenum." + table, rs -> rs.getLong(1)).orElseThrow());
        }
        return counts;
    }

    private static HttpResponse<String> send(String method, String path, byte[] body, String contentType, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.server.url() + path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpRequest request = b.build();
        try {
            return t.http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException staleConnection) {
            // Jetty may close a kept-alive connection after answering a request whose body it did not read
            // (a 4xx before the body), and the client may already have picked that connection for the next
            // request, which then never reaches the server. Sent once more on a fresh connection, it does.
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private record RawReply(int status, String head, String body) {
    }

    /** Sends the path byte for byte, as an attacker would; HTTP clients refuse to send malformed URIs. */
    private static RawReply rawGet(String path) throws IOException {
        return raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
    }

    /** One request written to a socket as given, and whatever the server answers before it closes. */
    private static RawReply raw(String request) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", t.server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            String body = split < 0 ? "" : all.substring(split + 4);
            return new RawReply(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] truncate(Random rnd, String json) {
        return utf8(json.substring(0, 1 + rnd.nextInt(json.length() - 2)));
    }

    private static String randomWord(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
