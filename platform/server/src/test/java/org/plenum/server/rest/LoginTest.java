package org.plenum.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.server.TestServer;

class LoginTest {

    static TestServer t;
    static String adminToken;

    @BeforeAll
    static void start() {
        t = TestServer.start();
        adminToken = t.adminToken();
        String root = t.get("/api/v1/me", adminToken).text("tenantId");
        t.post("/api/v1/tenants/" + root + "/users", adminToken,
                Map.of("username", "clerk", "password", "the-right-password", "displayName", "Clerk"));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void adminLogsInAndSeesItsRole() {
        TestServer.Reply login = t.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().path("expires_in").asLong()).isPositive();
        TestServer.Reply me = t.get("/api/v1/me", login.text("access_token"));
        assertThat(t.get("/api/v1/me", adminToken).status()).isEqualTo(200);
        assertThat(me.text("role")).isEqualTo("platform_admin");
        assertThat(me.text("displayName")).isEqualTo("Administrator");
    }

    @Test
    void wrongPasswordsAreRefusedAndThenRateLimited() {
        Map<String, String> wrong = Map.of("username", "clerk", "password", "guess");
        int unauthorized = 0;
        TestServer.Reply last = null;
        for (int i = 0; i < 7; i++) {
            last = t.post("/api/v1/auth/login", null, wrong);
            if (last.status() == 401) {
                unauthorized++;
            }
        }
        assertThat(unauthorized).isEqualTo(5);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.text("detail")).contains("try again in");
        assertThat(last.raw().headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        // even the right password waits until the window has passed
        assertThat(t.post("/api/v1/auth/login", null, Map.of("username", "clerk", "password", "the-right-password")).status())
                .isEqualTo(429);
    }

    @Test
    void unknownUserIsRefusedLikeAWrongPassword() {
        TestServer.Reply r = t.post("/api/v1/auth/login", null, Map.of("username", "nobody", "password", "whatever"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text("detail")).isEqualTo("wrong username or password");
    }

    @Test
    void tamperedOrForeignTokensAreRefused() {
        String[] parts = adminToken.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        TestServer.Reply r = t.get("/api/v1/me", forged);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text("detail")).contains("signature");
        assertThat(t.get("/api/v1/me", "not-a-jwt").text("detail")).contains("not a signed JWT");
        assertThat(t.send("GET", "/api/v1/me", null, null).status()).isEqualTo(401);
    }
}
