package org.plenum.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.plenum.it.support.Api;
import org.plenum.it.support.TestRun;

/**
 * Rooms, people and tickets of the Erfurt municipality for media tests: each name becomes a fresh local
 * moderator account (unique per test run), logged in once.
 */
final class Erfurt {

    private final TestRun run;
    private final Api api;
    private final String admin;
    private final Map<String, String> tokens = new HashMap<>();

    Erfurt(TestRun run) {
        this.run = run;
        this.api = run.api;
        this.admin = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token");
    }

    /** A room without a waiting room, owned by a chair of its own. */
    String room(String title) {
        return api.post("/api/v1/rooms", user("chair-" + Integer.toHexString(title.hashCode())), Map.of("title", title, "waitingRoom", "off"))
                .text("id");
    }

    /** The access token of the person called {@code name}. */
    String user(String name) {
        return tokens.computeIfAbsent(name, u -> {
            String username = "media-" + u.replaceAll("[^a-z0-9-]", "") + "-" + Long.toHexString(System.nanoTime());
            Api.Reply r = api.post("/api/v1/tenants/" + run.erfurtTenantId + "/users", admin,
                    Map.of("username", username, "password", "correct-horse-battery", "displayName", u, "role", "moderator"));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            return api.post("/api/v1/auth/login", null, Map.of("username", username, "password", "correct-horse-battery")).text("access_token");
        });
    }

    /** A signaling ticket for {@code name} in {@code roomId}. */
    String ticket(String name, String roomId) {
        Api.Reply r = api.post("/api/v1/rooms/" + roomId + "/tickets", user(name), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("ticket");
    }
}
