package org.plenum.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.pluginhost.testing.SignedJars;
import org.plenum.pluginhost.testing.TestPlugins;
import org.plenum.server.TestServer;

/** {@code bin/plenum plugin …} against a running server: every command, its output, its errors and exit codes. */
class PluginCommandTest {

    static SignedJars signing = new SignedJars("Plenum Test CA");
    static TestServer t;
    static Path jars;

    @BeforeAll
    static void start() throws Exception {
        t = TestServer.withTestPlugins(signing, Map.of());
        jars = Files.createTempDirectory("cli-jars");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PluginCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Map<String, String> admin() {
        Map<String, String> env = new HashMap<>();
        env.put("PLENUM_URL", t.server.url().toString());
        env.put("PLENUM_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        return env;
    }

    @Test
    void managesAPluginFromInstallToUninstall() {
        Path v1 = signing.signed(jars, TestPlugins.GreeterV1.class, TestPlugins.GREETER_UI);
        Path v11 = signing.signed(jars, TestPlugins.GreeterV11.class, TestPlugins.GREETER_UI);

        assertThat(run(admin(), "list")).satisfies(r -> {
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("no plugins installed");
        });
        Run installed = run(admin(), "install", v1.toString());
        assertThat(installed.exit()).as(installed.err()).isZero();
        assertThat(installed.out()).contains("installed greeter 1.0.0 [active] Greeter");

        Run again = run(admin(), "install", v1.toString());
        assertThat(again.exit()).isEqualTo(PluginCommand.REFUSED);
        assertThat(again.err()).contains("409", "installed already");

        assertThat(run(admin(), "update", "greeter", v11.toString()).out()).contains("updated greeter 1.1.0 [active]");
        assertThat(run(admin(), "disable", "greeter").out()).contains("disabled greeter 1.1.0 [disabled]", "disabled by an administrator");
        assertThat(run(admin(), "list").out()).contains("greeter 1.1.0 [disabled]");
        assertThat(run(admin(), "enable", "greeter").out()).contains("enabled greeter 1.1.0 [active]");

        String tenant = t.post("/api/v1/tenants", t.adminToken(), Map.of("slug", "cli-town", "name", "CLI-Stadt")).text("id");
        assertThat(run(admin(), "available", "greeter", tenant).out()).contains("is available to tenant " + tenant);
        assertThat(run(admin(), "available", "greeter", tenant, "false").out()).contains("is not available");

        Map<String, String> withToken = new HashMap<>(admin());
        withToken.remove("PLENUM_ADMIN_PASSWORD");
        withToken.put("PLENUM_TOKEN", t.adminToken());
        assertThat(run(withToken, "uninstall", "greeter", "--purge").out()).contains("uninstalled greeter and deleted its data");
        assertThat(run(admin(), "list").out()).contains("no plugins installed");
    }

    @Test
    void privateModulesAreInstalledForATenant() {
        String tenant = t.post("/api/v1/tenants", t.adminToken(), Map.of("slug", "cli-private", "name", "Privatstadt")).text("id");
        Run r = run(admin(), "install", signing.signed(jars, TestPlugins.Counter.class).toString(), "--tenant", tenant);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("counter 1.0.0 [active]", "private:" + tenant);
        assertThat(run(admin(), "uninstall", "counter").out()).contains("its data is kept");
    }

    @Test
    void saysWhatIsWrongWithExitCodes() throws Exception {
        Run unsigned = run(admin(), "install", SignedJars.unsigned(jars, TestPlugins.Stranger.class, Map.of()).toString());
        assertThat(unsigned.exit()).isEqualTo(PluginCommand.REFUSED);
        assertThat(unsigned.err()).contains("400", "not signed");

        assertThat(run(admin(), "enable", "nothing")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(PluginCommand.REFUSED);
            assertThat(r.err()).contains("404");
        });
        Map<String, String> wrong = admin();
        wrong.put("PLENUM_ADMIN_PASSWORD", "wrong-password");
        assertThat(run(wrong, "list")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(PluginCommand.REFUSED);
            assertThat(r.err()).contains("401");
        });
        Map<String, String> none = admin();
        none.remove("PLENUM_ADMIN_PASSWORD");
        assertThat(run(none, "list")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(PluginCommand.USAGE);
            assertThat(r.err()).contains("PLENUM_TOKEN");
        });
        assertThat(run(admin()).exit()).isEqualTo(PluginCommand.USAGE);
        assertThat(run(admin(), "frobnicate").err()).contains("unknown command 'frobnicate'");
        assertThat(run(admin(), "install").exit()).isEqualTo(PluginCommand.USAGE);
        assertThat(run(admin(), "install", "/no/such/file.jar").err()).contains("no such file");
        assertThat(run(admin(), "available", "x", "y", "maybe").exit()).isEqualTo(PluginCommand.USAGE);
        assertThat(run(admin(), "help").exit()).isZero();

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> down = admin();
        down.put("PLENUM_URL", "http://127.0.0.1:" + port);
        assertThat(run(down, "list")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(PluginCommand.UNREACHABLE);
            assertThat(r.err()).contains("cannot reach the server");
        });
    }
}
