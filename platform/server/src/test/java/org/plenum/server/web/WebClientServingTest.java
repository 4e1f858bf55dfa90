package org.plenum.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.core.config.ConfigurationException;
import org.plenum.core.config.Settings;
import org.plenum.server.TestServer;

/**
 * The browser client at {@code /}: files with their types and caching, {@code index.html} for client routes,
 * a strict CSP that admits exactly the import map, and the server's own areas never shadowed.
 * The client files here are a fixture in {@code src/test/resources/META-INF/plenum-web}.
 */
class WebClientServingTest {

    static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start(Map.of("oidc.issuers", "erfurt", "oidc.issuer.erfurt.url", "https://id.example.org/realms/erfurt",
                "oidc.issuer.erfurt.tenant", "erfurt"));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(t.uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return t.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rootAndClientRoutesServeTheIndexWithAStrictPolicy() throws Exception {
        for (String route : List.of("/", "/rooms", "/join/q3X9vR1tYpWm0aLk8ZsN2bHcD5eF7gJi", "/r/kq3F0b9XwqRk2c4v7YpJ1A", "/index.html")) {
            HttpResponse<String> r = get(route);
            assertThat(r.statusCode()).as(route).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").map(v -> v.replace(" ", ""))).contains("text/html;charset=utf-8");
            assertThat(r.body()).contains("<plenum-app>");
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(r.headers().firstValue("Referrer-Policy")).as("invite tokens in the path must not leak").contains("no-referrer");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void policyAllowsOnlyOwnScriptsAndTheImportMapByItsHash() throws Exception {
        String csp = get("/rooms").headers().firstValue("Content-Security-Policy").orElseThrow();
        String importMap = "{\"imports\":{\"lit\":\"/vendor/lit.js\"}}";
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(importMap.getBytes(StandardCharsets.UTF_8)));
        assertThat(csp).contains("script-src 'self' 'sha256-" + hash + "';")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval")
                .contains("frame-ancestors 'none'").contains("object-src 'none'")
                .contains("connect-src 'self' https://id.example.org;");
    }

    @Test
    void hashedAssetsAreCachedForAYearOthersRevalidate() throws Exception {
        HttpResponse<String> js = get("/assets/app-abc123.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").map(v -> v.replace(" ", ""))).contains("text/javascript;charset=utf-8");
        assertThat(js.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(get("/assets/app-abc123.css").headers().firstValue("Content-Type").map(v -> v.replace(" ", ""))).contains("text/css;charset=utf-8");

        HttpResponse<String> lit = get("/vendor/lit.js");
        assertThat(lit.headers().firstValue("Cache-Control")).contains("no-cache");
        String etag = lit.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/vendor/lit.js", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void missingFilesAndTraversalsAre404() throws Exception {
        for (String path : List.of("/assets/nope.js", "/vendor/../index.html", "/assets/%2e%2e/x.js", "/META-INF/plenum-web/index.html.x",
                "/org/plenum/server/PlenumServer.class", "/logback.xml")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).doesNotContain("<plenum-app>");
        }
    }

    @Test
    void neverShadowsTheServersOwnAreas() throws Exception {
        assertThat(get("/healthz").body()).contains("ok");
        assertThat(get("/metrics").body()).contains("jvm_");
        assertThat(get("/api/v1/openapi.json").headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        for (String path : List.of("/api", "/api/v2/rooms", "/api/v1/nothing", "/plugins/greeter/ui/x.js", "/signaling/x", "/metrics/x",
                "/healthz/x", "/readyz/x")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isIn(404, 401, 400);
            assertThat(r.body()).as(path).doesNotContain("<plenum-app>");
        }
    }

    @Test
    void clientConfigNamesTheOidcProviders() {
        TestServer.Reply r = t.get("/api/v1/client-config", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("localLogin").asBoolean()).isTrue();
        assertThat(r.body().path("oidc").get(0).path("issuer").asText()).isEqualTo("https://id.example.org/realms/erfurt");
        assertThat(r.body().path("oidc").get(0).path("clientId").asText()).isEqualTo("plenum");
        assertThat(r.body().path("oidc").get(0).path("name").asText()).isEqualTo("erfurt");
    }

    @Test
    void webClientSettingsAreChecked() {
        WebClientConfig none = WebClientConfig.from(Settings.of(Map.of()));
        assertThat(none.oidc()).isEmpty();
        assertThat(none.localLogin()).isTrue();
        WebClientConfig two = WebClientConfig.from(Settings.of(Map.of("oidc.issuers", "a,b", "oidc.issuer.a.url", "https://a.example/r",
                "oidc.issuer.b.url", "https://b.example:8443/r", "web.oidc.issuers", "b", "web.oidc.client.id", "web", "web.local.login", "false")));
        assertThat(two.localLogin()).isFalse();
        assertThat(two.oidc()).containsExactly(new WebClientConfig.OidcProvider("b", "https://b.example:8443/r", "web"));
        assertThat(two.providerOrigins()).containsExactly("https://b.example:8443");
        assertThatThrownBy(() -> WebClientConfig.from(Settings.of(Map.of("oidc.issuers", "a", "oidc.issuer.a.url", "https://a.example/r",
                "web.oidc.issuers", "x")))).isInstanceOf(ConfigurationException.class).hasMessageContaining("web.oidc.issuers");
    }
}
