package org.plenum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerSmokeTest {

    static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void healthAndReadinessAnswer() {
        assertThat(t.get("/healthz", null).status()).isEqualTo(200);
        TestServer.Reply ready = t.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text("database")).isEqualTo("up");
    }

    @Test
    void adminLogsInAndCreatesARoom() {
        String token = t.adminToken();
        TestServer.Reply room = t.post("/api/v1/rooms", token, Map.of("title", "Stadtrat"));
        assertThat(room.status()).isEqualTo(201);
        assertThat(room.text("id")).hasSize(22);
        assertThat(room.text("waitingRoom")).isEqualTo("guests");
        assertThat(t.get("/api/v1/rooms/" + room.text("id"), token).text("title")).isEqualTo("Stadtrat");
    }

    @Test
    void metricsAreExposedForPrometheus() {
        t.get("/healthz", null);
        TestServer.Reply m = t.get("/metrics", null);
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.raw().body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds_count");
    }

    @Test
    void unknownPathIsAProblemDocument() {
        TestServer.Reply r = t.get("/api/v1/nothing-here", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.text("detail")).isNotBlank();
    }
}
