package org.plenum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.it.support.Person.ERFURT_MEMBER;
import static org.plenum.it.support.Person.STRANGER;
import static org.plenum.it.support.Person.WEIMAR_MEMBER;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plenum.it.support.Api;
import org.plenum.it.support.Await;
import org.plenum.it.support.Keycloak;
import org.plenum.it.support.TestRun;

/** Tokens that Keycloak really issues but Plenum must not accept: each is refused with 401 and a reason. */
@ExtendWith(TestRun.Extension.class)
class OidcTokenRefusalIT {

    private final TestRun run;
    private final Keycloak keycloak;

    OidcTokenRefusalIT(TestRun run) {
        this.run = run;
        this.keycloak = run.keycloak;
    }

    @Test
    void aTokenOfAnIssuerTheServerDoesNotTrustIsRefused() {
        String token = keycloak.login(STRANGER.realm(), "plenum", STRANGER.username(), null).accessToken();
        assertRefused(token, "tokens from issuer " + keycloak.issuer("elsewhere") + " are not trusted by this server");
    }

    @Test
    void aTokenForAnotherApplicationOfTheSameRealmIsRefused() {
        String token = keycloak.login("erfurt", "other-app", ERFURT_MEMBER.username(), null).accessToken();
        assertRefused(token, "the token is not meant for this server (no audience, expected 'plenum')");
    }

    @Test
    void anExpiredTokenIsRefused() {
        // the client plenum-short issues access tokens that live 5 s; the server allows 1 s of clock skew
        String token = keycloak.login("erfurt", "plenum-short", ERFURT_MEMBER.username(), null).accessToken();
        Api.Reply whileValid = run.api.get("/api/v1/me", token);
        assertThat(whileValid.status()).as("fresh token: %s", whileValid).isEqualTo(200);

        Api.Reply refused = Await.until("the server to refuse the short-lived token", Duration.ofSeconds(30), () -> {
            Api.Reply r = run.api.get("/api/v1/me", token);
            return r.status() == 200 ? Optional.empty() : Optional.of(r);
        });
        assertProblem(refused, "the token has expired");
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = run.token(ERFURT_MEMBER).split("\\.");
        String payload = decode(parts[1]).replace("\"plenum-member\"", "\"plenum-tenant-admin\"");
        assertThat(payload).contains("plenum-tenant-admin");
        assertRefused(parts[0] + "." + encode(payload) + "." + parts[2], "the token's signature does not match the keys published by its issuer");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String[] parts = run.token(ERFURT_MEMBER).split("\\.");
        assertRefused(encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".", "the bearer token is unsigned (alg none)");
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        String idToken = keycloak.login("erfurt", "plenum", ERFURT_MEMBER.username(), "openid").idToken();
        assertThat(idToken).as("Keycloak issues an ID token for scope openid").isNotBlank();
        assertRefused(idToken, "the token is of type 'ID', not an access token");
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() {
        String refreshToken = keycloak.login("erfurt", "plenum", ERFURT_MEMBER.username(), null).refreshToken();
        // Keycloak signs refresh tokens with a realm secret (HS512), which is never accepted for access
        assertRefused(refreshToken, "the token is signed with HS512");
    }

    @Test
    void aUserOfAMunicipalityWithoutATenantIsRefused() {
        assertRefused(run.token(WEIMAR_MEMBER), "the token maps to tenant 'weimar', which does not exist on this server");
    }

    @Test
    void noTokenAtAllIsRefused() {
        assertProblem(run.api.get("/api/v1/me", null), "this request needs an Authorization: Bearer");
    }

    private void assertRefused(String token, String reason) {
        assertProblem(run.api.get("/api/v1/rooms", token), reason);
    }

    private static void assertProblem(Api.Reply r, String reason) {
        assertThat(r.status()).as("%s", r).isEqualTo(401);
        assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.header("WWW-Authenticate")).contains("Bearer");
        assertThat(r.text("code")).isEqualTo("unauthenticated");
        assertThat(r.detail()).startsWith(reason);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
