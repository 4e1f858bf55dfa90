package org.plenum.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.plenum.pluginhost.testing.SignedJars;
import org.plenum.pluginhost.testing.TestPlugins;
import org.plenum.server.TestServer;
import org.plenum.server.TwoMunicipalities;

/**
 * The plugin endpoints over real HTTP: installing as the state, making available, enabling as a
 * municipality, private modules, plugin routes, UI files, and hostile input.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginApiTest {

    static final int UPLOAD_LIMIT = 200_000;
    static SignedJars signing;
    static TestServer t;
    static TwoMunicipalities towns;
    static Path jars;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        signing = new SignedJars("Plenum Test CA");
        t = TestServer.withTestPlugins(signing, Map.of("plugins.max.upload.bytes", Integer.toString(UPLOAD_LIMIT),
                "auth.login.max.failures.per.address", "100000"));
        towns = new TwoMunicipalities(t);
        admin = towns.platformAdmin;
        jars = Files.createTempDirectory("plugin-jars");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static Path jar(Class<?> plugin) {
        return signing.signed(jars, plugin, TestPlugins.GREETER_UI);
    }

    static String erfurt() {
        return towns.erfurt.tenantId();
    }

    static String jena() {
        return towns.jena.tenantId();
    }

    @Test
    @Order(1)
    void theStateInstallsAPluginAndMakesItAvailableAndAMunicipalityEnablesIt() {
        TestServer.Reply installed = t.upload("POST", "/api/v1/admin/plugins", admin, jar(TestPlugins.GreeterV1.class));
        assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
        assertThat(installed.raw().headers().firstValue("Location")).get().asString().endsWith("/api/v1/admin/plugins/greeter");
        assertThat(installed.text("state")).isEqualTo("active");
        assertThat(installed.text("version")).isEqualTo("1.0.0");
        assertThat(installed.body().path("running").asBoolean()).isTrue();
        assertThat(installed.body().path("ui").path("entryUrl").asText()).isEqualTo("/plugins/greeter/ui/greeter.js");
        assertThat(installed.body().path("ownerTenantId").isNull()).isTrue();

        assertThat(t.get("/api/v1/admin/plugins", admin).body().findValuesAsText("id")).contains("greeter");
        assertThat(t.get("/api/v1/admin/plugins/greeter", admin).text("name")).isEqualTo("Greeter");
        assertThat(t.get("/api/v1/tenants/" + erfurt() + "/plugins", towns.erfurt.admin()).body()).isEmpty();

        TestServer.Reply available = t.send("PUT", "/api/v1/admin/plugins/greeter/tenants/" + erfurt(), admin, Map.of("available", true));
        assertThat(available.status()).as(available.raw().body()).isEqualTo(200);
        assertThat(available.body().path("available").asBoolean()).isTrue();
        assertThat(available.body().path("enabled").asBoolean()).isFalse();

        TestServer.Reply listed = t.get("/api/v1/tenants/" + erfurt() + "/plugins", towns.erfurt.admin());
        assertThat(listed.body().findValuesAsText("id")).containsExactly("greeter");
        assertThat(t.get("/api/v1/tenants/" + erfurt() + "/plugins", towns.erfurt.member()).body()).as("members see what is in use").isEmpty();

        TestServer.Reply enabled = t.send("PUT", "/api/v1/tenants/" + erfurt() + "/plugins/greeter", towns.erfurt.admin(), Map.of("enabled", true));
        assertThat(enabled.status()).as(enabled.raw().body()).isEqualTo(200);
        assertThat(enabled.body().path("active").asBoolean()).isTrue();
        assertThat(enabled.body().path("ui").path("entryUrl").asText()).isEqualTo("/plugins/greeter/ui/greeter.js");
        assertThat(enabled.body().path("ui").path("mounts").get(0).path("slot").asText()).isEqualTo("side_panel");
        assertThat(t.get("/api/v1/tenants/" + erfurt() + "/plugins", towns.erfurt.member()).body().findValuesAsText("id"))
                .containsExactly("greeter");
        assertThat(t.get("/api/v1/tenants/" + jena() + "/plugins", towns.jena.admin()).body()).isEmpty();
        assertThat(t.server.plugins().activeFor(java.util.UUID.fromString(erfurt()), "room")).extracting(a -> a.id().value())
                .containsExactly("greeter");
    }

    @Test
    @Order(2)
    void pluginRoutesServeOnlyTenantsThatUseThePlugin() {
        TestServer.Reply hello = t.get("/api/v1/plugins/greeter/hello", towns.erfurt.member());
        assertThat(hello.status()).as(hello.raw().body()).isEqualTo(200);
        assertThat(hello.text("hello")).isEqualTo("erfurt-member");
        assertThat(hello.text("greeting")).isEqualTo("Hallo");
        assertThat(hello.raw().headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        assertThat(t.get("/api/v1/plugins/greeter/hello", towns.jena.member()).status()).as("Jena does not use it").isEqualTo(404);
        assertThat(t.get("/api/v1/plugins/greeter/hello", null).status()).isEqualTo(401);
        assertThat(t.get("/api/v1/plugins/greeter/hello", "not-a-token").status()).isEqualTo(401);
        assertThat(t.get("/api/v1/plugins/nothing/hello", towns.erfurt.member()).status()).isEqualTo(404);
        assertThat(t.get("/api/v1/plugins/nothing/hello", null).status()).as("strangers learn nothing").isEqualTo(401);

        TestServer.Reply ping = t.get("/api/v1/plugins/greeter/public/ping", null);
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.body().path("pong").asBoolean()).isFalse();
        assertThat(t.get("/api/v1/plugins/greeter/public/ping", towns.jena.member()).status()).as("public routes serve everyone").isEqualTo(200);

        TestServer.Reply echo = t.sendBytes("POST", "/api/v1/plugins/greeter/echo", towns.erfurt.member(), "application/json",
                "{\"a\":[1,2,3]}".getBytes(StandardCharsets.UTF_8));
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.body().path("a").size()).isEqualTo(3);
        TestServer.Reply badJson = t.sendBytes("POST", "/api/v1/plugins/greeter/echo", towns.erfurt.member(), "application/json",
                "{\"a\":".getBytes(StandardCharsets.UTF_8));
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.raw().headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");

        TestServer.Reply created = t.sendBytes("POST", "/api/v1/plugins/greeter/things", towns.erfurt.member(), null, new byte[0]);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).get().asString().endsWith("/api/v1/plugins/greeter/things/7");
        assertThat(t.send("PUT", "/api/v1/plugins/greeter/things/a%20b", towns.erfurt.member(), Map.of()).text("thing")).isEqualTo("a b");
        assertThat(t.send("PATCH", "/api/v1/plugins/greeter/things/x", towns.erfurt.member(), Map.of()).status()).isEqualTo(200);
        assertThat(t.send("DELETE", "/api/v1/plugins/greeter/things/x", towns.erfurt.member(), null).status()).isEqualTo(204);

        TestServer.Reply teapot = t.get("/api/v1/plugins/greeter/teapot", towns.erfurt.member());
        assertThat(teapot.status()).isEqualTo(409);
        assertThat(teapot.text("detail")).isEqualTo("the teapot is busy");
        TestServer.Reply broken = t.get("/api/v1/plugins/greeter/broken", towns.erfurt.member());
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.text("detail")).contains("quote reference").doesNotContain("a bug in the plugin");
        assertThat(t.send("DELETE", "/api/v1/plugins/greeter/hello", towns.erfurt.member(), null).status()).isEqualTo(405);
        assertThat(t.get("/api/v1/plugins/greeter/no/such/route", towns.erfurt.member()).status()).isEqualTo(404);
        byte[] big = new byte[2 * 1024 * 1024];
        assertThat(t.sendBytes("POST", "/api/v1/plugins/greeter/echo", towns.erfurt.member(), "application/json", big).status()).isEqualTo(413);

        String metrics = t.get("/metrics", null).raw().body();
        assertThat(metrics).contains("plenum_plugin_failures_total{application=\"plenum\",kind=\"threw\",plugin=\"greeter\"}");
        assertThat(metrics).contains("plenum_plugins{application=\"plenum\",state=\"active\"}");
        assertThat(metrics).contains("plenum_plugin_up{application=\"plenum\",plugin=\"greeter\"} 1");
    }

    @Test
    @Order(3)
    void uiFilesAreServedFromTheDeclaredDirectoryWithSafeHeaders() throws Exception {
        var r = t.http.send(java.net.http.HttpRequest.newBuilder(t.uri("/plugins/greeter/ui/greeter.js")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/javascript");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'");
        assertThat(r.body()).contains("customElements.define");
        for (String bad : new String[] {"/plugins/greeter/ui/../secret/config.txt", "/plugins/greeter/ui/%2e%2e/secret/config.txt",
                "/plugins/greeter/secret/config.txt", "/plugins/nothing/ui/greeter.js", "/plugins/greeter/ui/", "/plugins/GREETER/ui/greeter.js"}) {
            var x = t.http.send(java.net.http.HttpRequest.newBuilder(t.uri(bad)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(x.statusCode()).as(bad).isIn(400, 404);
            assertThat(x.body()).as(bad).doesNotContain("not for the browser");
        }
    }

    @Test
    @Order(4)
    void privateModulesAreInvisibleToOtherMunicipalities() {
        Path counter = signing.signed(jars, TestPlugins.Counter.class);
        assertThat(t.upload("POST", "/api/v1/admin/plugins", towns.erfurt.admin(), counter).status())
                .as("the catalogue is the state's").isEqualTo(403);
        assertThat(t.upload("POST", "/api/v1/admin/plugins?tenant=" + jena(), towns.erfurt.admin(), counter).status()).isEqualTo(404);
        TestServer.Reply own = t.upload("POST", "/api/v1/admin/plugins?tenant=" + erfurt(), towns.erfurt.admin(), counter);
        assertThat(own.status()).as(own.raw().body()).isEqualTo(201);
        assertThat(own.text("ownerTenantId")).isEqualTo(erfurt());

        assertThat(t.get("/api/v1/admin/plugins", towns.erfurt.admin()).body().findValuesAsText("id")).containsExactly("counter");
        assertThat(t.get("/api/v1/admin/plugins", towns.jena.admin()).body()).isEmpty();
        assertThat(t.get("/api/v1/admin/plugins/counter", towns.jena.admin()).status()).isEqualTo(404);
        assertThat(t.send("POST", "/api/v1/admin/plugins/counter/disable", towns.jena.admin(), null).status()).isEqualTo(404);
        assertThat(t.send("PUT", "/api/v1/tenants/" + jena() + "/plugins/counter", towns.jena.admin(), Map.of("enabled", true)).status())
                .isEqualTo(404);
        assertThat(t.send("PUT", "/api/v1/admin/plugins/counter/tenants/" + jena(), admin, Map.of("available", true)).status()).isEqualTo(409);
        assertThat(t.send("PUT", "/api/v1/tenants/" + erfurt() + "/plugins/counter", towns.erfurt.admin(), Map.of("enabled", true)).status())
                .isEqualTo(200);
        assertThat(t.get("/api/v1/plugins/counter/count", towns.erfurt.member()).status()).isEqualTo(200);
        assertThat(t.get("/api/v1/plugins/counter/count", towns.jena.admin()).status()).isEqualTo(404);
        assertThat(t.get("/api/v1/tenants/" + jena() + "/plugins", towns.jena.admin()).body().findValuesAsText("id")).doesNotContain("counter");
    }

    @Test
    @Order(5)
    void onlyAdministratorsManagePlugins() {
        assertThat(t.get("/api/v1/admin/plugins", null).status()).isEqualTo(401);
        assertThat(t.get("/api/v1/admin/plugins", towns.erfurt.member()).status()).isEqualTo(403);
        assertThat(t.get("/api/v1/admin/plugins", towns.erfurt.moderator()).status()).isEqualTo(403);
        assertThat(t.upload("POST", "/api/v1/admin/plugins", towns.erfurt.member(), jar(TestPlugins.Stranger.class)).status()).isEqualTo(403);
        assertThat(t.send("POST", "/api/v1/admin/plugins/greeter/disable", towns.erfurt.admin(), null).status()).isEqualTo(403);
        assertThat(t.send("PUT", "/api/v1/admin/plugins/greeter/tenants/" + jena(), towns.erfurt.admin(), Map.of("available", true)).status())
                .isEqualTo(403);
        assertThat(t.send("PUT", "/api/v1/tenants/" + erfurt() + "/plugins/greeter", towns.erfurt.member(), Map.of("enabled", false)).status())
                .isEqualTo(403);
        assertThat(t.send("PUT", "/api/v1/tenants/" + erfurt() + "/plugins/greeter", towns.jena.admin(), Map.of("enabled", false)).status())
                .isEqualTo(404);
        assertThat(t.get("/api/v1/tenants/" + erfurt() + "/plugins", towns.jena.member()).status()).isEqualTo(404);
        assertThat(t.send("PUT", "/api/v1/tenants/" + jena() + "/plugins/greeter", towns.jena.admin(), Map.of("enabled", true)).status())
                .as("not available to Jena").isEqualTo(409);
    }

    @Test
    @Order(6)
    void hostileUploadsAndBodiesAreRefusedClearly() {
        Random rnd = new Random(7);
        byte[] garbage = new byte[5000];
        rnd.nextBytes(garbage);
        TestServer.Reply g = t.sendBytes("POST", "/api/v1/admin/plugins", admin, "application/octet-stream", garbage);
        assertThat(g.status()).isEqualTo(400);
        assertThat(g.text("detail")).contains("is refused");
        assertThat(t.sendBytes("POST", "/api/v1/admin/plugins", admin, "application/octet-stream", new byte[0]).status()).isEqualTo(400);
        assertThat(t.sendBytes("POST", "/api/v1/admin/plugins", admin, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(415);
        TestServer.Reply huge = t.sendBytes("POST", "/api/v1/admin/plugins", admin, "application/octet-stream", new byte[UPLOAD_LIMIT + 10]);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(t.upload("POST", "/api/v1/admin/plugins", admin, SignedJars.unsigned(jars, TestPlugins.Stranger.class, Map.of())).text("detail"))
                .contains("not signed");
        assertThat(t.upload("POST", "/api/v1/admin/plugins?tenant=not-a-uuid", admin, jar(TestPlugins.Stranger.class)).status()).isEqualTo(400);
        assertThat(t.upload("POST", "/api/v1/admin/plugins", admin, jar(TestPlugins.FromTheFuture.class)).text("detail"))
                .contains("requires Plenum API [2.0.0,3.0.0)");
        assertThat(t.upload("POST", "/api/v1/admin/plugins", admin, jar(TestPlugins.Lonely.class)).text("detail"))
                .contains("needs plugin absent");
        TestServer.Reply dup = t.upload("POST", "/api/v1/admin/plugins", admin, jar(TestPlugins.GreeterV1.class));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(t.upload("PUT", "/api/v1/admin/plugins/greeter", admin, jar(TestPlugins.Stranger.class)).status()).isEqualTo(400);

        for (String id : new String[] {"nothing", "NOT-AN-ID", "a", "x".repeat(300), "..", "plugins", "%C3%A4"}) {
            assertThat(t.get("/api/v1/admin/plugins/" + id, admin).status()).as(id).isIn(400, 404);
            assertThat(t.send("POST", "/api/v1/admin/plugins/" + id + "/enable", admin, null).status()).as(id).isIn(400, 404);
        }
        assertThat(t.send("DELETE", "/api/v1/admin/plugins/greeter?purge=maybe", admin, null).status()).isEqualTo(400);
        assertThat(t.send("PUT", "/api/v1/admin/plugins/greeter/tenants/" + erfurt(), admin, "{\"available\":\"yes\"}").status()).isEqualTo(400);
        assertThat(t.send("PUT", "/api/v1/admin/plugins/greeter/tenants/" + erfurt(), admin, "{}").status()).isEqualTo(400);
        assertThat(t.send("PUT", "/api/v1/admin/plugins/greeter/tenants/" + erfurt(), admin, "{\"available\":true,\"x\":1}").status())
                .isEqualTo(400);
        assertThat(t.send("PUT", "/api/v1/admin/plugins/greeter/tenants/not-a-uuid", admin, Map.of("available", true)).status())
                .isEqualTo(404);
        assertThat(t.send("PUT", "/api/v1/tenants/" + erfurt() + "/plugins/greeter", towns.erfurt.admin(), "[true]").status()).isEqualTo(400);
        assertThat(t.get("/api/v1/admin/plugins", admin).body().findValuesAsText("id")).containsExactlyInAnyOrder("greeter", "counter");
        assertThat(t.get("/healthz", null).status()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void anUpdateReplacesTheRunningVersionAndUninstallRemovesIt() throws Exception {
        TestServer.Reply updated = t.upload("PUT", "/api/v1/admin/plugins/greeter", admin, jar(TestPlugins.GreeterV11.class));
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.text("version")).isEqualTo("1.1.0");
        assertThat(t.get("/api/v1/plugins/greeter/hello", towns.erfurt.member()).text("version")).isEqualTo("1.1.0");

        assertThat(t.send("POST", "/api/v1/admin/plugins/greeter/disable", admin, null).text("state")).isEqualTo("disabled");
        assertThat(t.get("/api/v1/plugins/greeter/hello", towns.erfurt.member()).status()).isEqualTo(404);
        assertThat(t.http.send(java.net.http.HttpRequest.newBuilder(t.uri("/plugins/greeter/ui/greeter.js")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(t.send("POST", "/api/v1/admin/plugins/greeter/enable", admin, null).text("state")).isEqualTo("active");
        assertThat(t.get("/api/v1/plugins/greeter/hello", towns.erfurt.member()).status()).isEqualTo(200);

        assertThat(t.send("DELETE", "/api/v1/admin/plugins/greeter", admin, null).status()).isEqualTo(204);
        assertThat(t.get("/api/v1/admin/plugins/greeter", admin).status()).isEqualTo(404);
        assertThat(t.get("/api/v1/plugins/greeter/hello", towns.erfurt.member()).status()).isEqualTo(404);
        assertThat(t.send("DELETE", "/api/v1/admin/plugins/counter?purge=true", towns.erfurt.admin(), null).status()).isEqualTo(204);
        assertThat(t.server.plugins().strayJars()).isEmpty();
    }
}
