package org.plenum.pluginhost.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenum.api.PluginId;
import org.plenum.api.event.RoomOpened;
import org.plenum.api.json.JsonObject;
import org.plenum.api.service.ServiceUnavailableException;
import org.plenum.core.error.Problem;
import org.plenum.core.plugin.PluginFaults;
import org.plenum.pluginhost.context.HostPluginContext;
import org.plenum.pluginhost.registry.PluginState;
import org.plenum.pluginhost.testing.HostFixture;
import org.plenum.pluginhost.testing.SignedJars;
import org.plenum.pluginhost.testing.TestPlugins;

/** Install, refuse, depend, update, disable, enable, uninstall — against a real core and PostgreSQL. */
class PluginLifecycleTest {

    static HostFixture f;
    static final PluginId GREETER = PluginId.of("greeter");
    static final PluginId LISTENER = PluginId.of("listener");

    @BeforeAll
    static void start() {
        f = new HostFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @BeforeEach
    void clean() {
        TestPlugins.reset();
    }

    @AfterEach
    void uninstallEverything() {
        for (int round = 0; round < 5 && !f.host.list().isEmpty(); round++) {
            for (PluginInfo p : f.host.list()) {
                try {
                    f.host.uninstall(p.row().id(), true);
                } catch (Problem e) {
                    // a dependent goes first; next round
                }
            }
        }
        assertThat(f.host.list()).isEmpty();
    }

    private PluginInfo install(Class<?> plugin) {
        return f.host.install(f.signed(plugin, TestPlugins.GREETER_UI), Optional.empty(), Optional.empty());
    }

    @Test
    void aSignedPluginIsInstalledStoredAndStarted() throws Exception {
        int changes = f.changes.get();
        PluginInfo p = install(TestPlugins.GreeterV1.class);
        assertThat(p.row().state()).isEqualTo(PluginState.ACTIVE);
        assertThat(p.running()).isTrue();
        assertThat(p.row().version().toString()).isEqualTo("1.0.0");
        assertThat(p.row().loader()).isEqualTo("test");
        assertThat(p.row().signers()).singleElement().asString().contains("Plenum Test CA Plugin Signer");
        assertThat(p.row().sha256()).hasSize(64);
        Path stored = f.host.config().directory().resolve("greeter-1.0.0.jar");
        assertThat(stored).exists();
        assertThat(p.row().jarFile()).isEqualTo("greeter-1.0.0.jar");
        assertThat(p.name()).isEqualTo("Greeter");
        assertThat(p.routes()).contains("GET /hello", "GET /public/ping (public)");
        assertThat(TestPlugins.EVENTS).containsExactly("greeter 1.0.0 start");
        assertThat(f.changes.get()).isGreaterThan(changes);
        assertThat(f.host.strayJars()).isEmpty();
    }

    @Test
    void unsignedTamperedUntrustedAndGarbageJarsAreRefusedAndLeaveNothingBehind() throws Exception {
        Path unsigned = SignedJars.unsigned(f.jars, TestPlugins.GreeterV1.class, Map.of());
        refused(unsigned, "is not signed");
        Path tampered = SignedJars.tamper(f.signed(TestPlugins.GreeterV1.class), "README.txt", "changed after signing");
        refused(tampered, "changed after it was signed");
        Path untrusted = new SignedJars("Somebody Else CA").signed(f.jars, TestPlugins.GreeterV1.class);
        refused(untrusted, "does not trust");
        Path garbage = Files.write(f.jars.resolve("garbage.jar"), "no zip at all".getBytes(StandardCharsets.UTF_8));
        refused(garbage, "is refused");
        assertThat(TestPlugins.EVENTS).isEmpty();
        assertThat(f.host.list()).isEmpty();
        assertThat(f.host.strayJars()).isEmpty();
    }

    @Test
    void incompatibleMissingDependencyDuplicateAndFailingStartAreRefused() throws Exception {
        refused(f.signed(TestPlugins.FromTheFuture.class), "requires Plenum API [2.0.0,3.0.0), but this server provides " + org.plenum.api.PlenumApi.VERSION);
        refused(f.signed(TestPlugins.Lonely.class), "needs plugin absent [1.0.0,2.0.0), which is not installed");
        refused(f.signed(TestPlugins.Grumpy.class), "refused to start: the moon is in the wrong phase");
        install(TestPlugins.GreeterV1.class);
        assertThatThrownBy(() -> install(TestPlugins.GreeterV1.class)).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT);
            assertThat(p.detail()).contains("installed already", "same version");
        });
        assertThatThrownBy(() -> install(TestPlugins.GreeterV11.class)).hasMessageContaining("use update");
        assertThat(TestPlugins.EVENTS).containsExactly("greeter 1.0.0 start");
        assertThat(f.host.list()).extracting(p -> p.row().id().value()).containsExactly("greeter");
        assertThat(f.host.strayJars()).isEmpty();
    }

    private void refused(Path jar, String message) {
        assertThatThrownBy(() -> f.host.install(jar, Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detail()).contains(message));
    }

    @Test
    void dependenciesStartFirstStopLastAndSeeEachOthersServices() {
        refused(f.signed(TestPlugins.Listener.class), "needs plugin greeter");
        install(TestPlugins.GreeterV1.class);
        install(TestPlugins.Listener.class);
        assertThat(TestPlugins.EVENTS).containsExactly("greeter 1.0.0 start", "listener start true");
        assertThat(f.host.runningPlugins()).containsExactly(GREETER, LISTENER);

        f.host.disable(GREETER);
        assertThat(TestPlugins.EVENTS).endsWith("listener stop", "greeter 1.0.0 stop");
        assertThat(f.host.find(GREETER).orElseThrow().row().state()).isEqualTo(PluginState.DISABLED);
        PluginInfo waiting = f.host.find(LISTENER).orElseThrow();
        assertThat(waiting.row().state()).isEqualTo(PluginState.RESOLVED);
        assertThat(waiting.row().reason()).get().asString().contains("waits for plugin greeter");

        f.host.enable(GREETER);
        assertThat(f.host.runningPlugins()).containsExactly(GREETER, LISTENER);
        assertThat(f.host.find(LISTENER).orElseThrow().row().state()).isEqualTo(PluginState.ACTIVE);

        assertThatThrownBy(() -> f.host.uninstall(GREETER, false)).hasMessageContaining("[listener] depend on greeter");
    }

    @Test
    void servicesAreVisibleOnlyThroughDeclaredDependencies() {
        install(TestPlugins.GreeterV1.class);
        install(TestPlugins.Stranger.class);
        var stranger = TestPlugins.CONTEXTS.get("stranger");
        assertThat(stranger.services().find(TestPlugins.Greeting.class)).isEmpty();
        assertThatThrownBy(() -> stranger.services().require(TestPlugins.Greeting.class))
                .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("does not declare a dependency");
    }

    @Test
    void eventsReachOnlyPluginsTheTenantUses() {
        install(TestPlugins.GreeterV1.class);
        install(TestPlugins.Listener.class);
        install(TestPlugins.Stranger.class);
        var greeter = TestPlugins.CONTEXTS.get("greeter");
        assertThatThrownBy(() -> greeter.events().publish(new RoomOpened(f.erfurt, "room"))).isInstanceOf(IllegalArgumentException.class);

        greeter.events().publish(new TestPlugins.Greeted(f.erfurt, "nobody enabled it yet"));
        f.host.setAvailable(LISTENER, f.erfurt, true);
        f.host.setEnabled(LISTENER, f.erfurt, true);
        greeter.events().publish(new TestPlugins.Greeted(f.jena, "jena does not use the listener"));
        greeter.events().publish(new TestPlugins.Greeted(f.erfurt, "erfurt does"));
        f.host.publish(new RoomOpened(f.erfurt, "room-1"));
        await(() -> TestPlugins.RECEIVED.size() >= 2);
        // two publishers (the greeter, the host): the bus keeps order per publisher only (EventBus), not between them
        assertThat(TestPlugins.RECEIVED).containsExactlyInAnyOrder(new TestPlugins.Greeted(f.erfurt, "erfurt does"), new RoomOpened(f.erfurt, "room-1"));
    }

    @Test
    void anUpdateRestartsDependentsAroundTheNewVersionAndFreesTheOld() throws Exception {
        install(TestPlugins.GreeterV1.class);
        install(TestPlugins.Listener.class);
        PluginInfo before = f.host.find(GREETER).orElseThrow();
        HostPluginContext oldContext = f.host.contextOf(GREETER).orElseThrow();

        PluginInfo after = f.host.update(GREETER, f.signed(TestPlugins.GreeterV11.class, TestPlugins.GREETER_UI), Optional.empty());
        assertThat(after.row().version().toString()).isEqualTo("1.1.0");
        assertThat(after.generation()).isGreaterThan(before.generation());
        assertThat(TestPlugins.EVENTS).containsExactly("greeter 1.0.0 start", "listener start true", "listener stop",
                "greeter 1.0.0 stop", "greeter 1.1.0 start", "listener start true");
        assertThat(oldContext.isClosed()).isTrue();
        assertThat(oldContext.scheduledTasks()).isZero();
        assertThat(f.host.config().directory().resolve("greeter-1.0.0.jar")).doesNotExist();
        assertThat(f.host.config().directory().resolve("greeter-1.1.0.jar")).exists();
        assertThat(f.host.runningPlugins()).containsExactly(GREETER, LISTENER);

        assertThatThrownBy(() -> f.host.update(GREETER, f.signed(TestPlugins.GreeterV2.class), Optional.empty()))
                .hasMessageContaining("plugin listener needs greeter [1.0.0,2.0.0)");
        assertThatThrownBy(() -> f.host.update(GREETER, f.signed(TestPlugins.GreeterV11.class), Optional.empty()))
                .hasMessageContaining("installed already");
        assertThatThrownBy(() -> f.host.update(GREETER, f.signed(TestPlugins.Stranger.class), Optional.empty()))
                .hasMessageContaining("holds plugin stranger, not greeter");
        assertThat(f.host.find(GREETER).orElseThrow().row().version().toString()).isEqualTo("1.1.0");
        assertThat(f.host.strayJars()).isEmpty();
    }

    @Test
    void anUpdateThatDoesNotStartLeavesTheOldVersionRunning() throws Exception {
        install(TestPlugins.GreeterV1.class);
        assertThatThrownBy(() -> f.host.update(GREETER, f.signed(TestPlugins.GreeterV12Broken.class), Optional.empty()))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detail())
                        .contains("refused", "cannot read its configuration", "version 1.0.0 runs again"));
        PluginInfo p = f.host.find(GREETER).orElseThrow();
        assertThat(p.row().version().toString()).isEqualTo("1.0.0");
        assertThat(p.row().state()).isEqualTo(PluginState.ACTIVE);
        assertThat(p.running()).isTrue();
        assertThat(f.host.strayJars()).isEmpty();
    }

    @Test
    void stoppingWithdrawsEverythingThePluginRegistered() {
        install(TestPlugins.GreeterV1.class);
        await(() -> TestPlugins.TICKS.get() > 2);
        HostPluginContext context = f.host.contextOf(GREETER).orElseThrow();
        assertThat(context.scheduledTasks()).isEqualTo(1);
        assertThat(f.host.services().exportsOf(GREETER)).isEqualTo(1);
        assertThat(f.host.activeFor(f.erfurt, "room")).isEmpty();

        f.host.disable(GREETER);
        assertThat(context.isClosed()).isTrue();
        assertThat(context.scheduledTasks()).isZero();
        assertThat(context.routes().describe()).isEmpty();
        assertThat(context.roomModuleFactory()).isEmpty();
        assertThat(context.pluginExecutor().isClosed()).isTrue();
        assertThat(f.host.services().exportsOf(GREETER)).isZero();
        assertThat(f.host.events().subscriptionsOf(GREETER)).isZero();
        int ticks = TestPlugins.TICKS.get();
        sleep(Duration.ofMillis(100));
        assertThat(TestPlugins.TICKS.get()).as("no task runs after the plugin stopped").isEqualTo(ticks);
        assertThatThrownBy(() -> context.schedule(Duration.ZERO, () -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settingsAreValidatedAgainstTheSchemaAndDefaulted() {
        install(TestPlugins.GreeterV1.class);
        assertThat(f.host.settings(GREETER, f.erfurt)).isEqualTo(JsonObject.of("greeting", "Hallo"));
        f.host.putSettings(GREETER, f.erfurt, JsonObject.of("greeting", "Moin"));
        assertThat(TestPlugins.CONTEXTS.get("greeter").settings(f.erfurt)).isEqualTo(JsonObject.of("greeting", "Moin"));
        assertThat(TestPlugins.CONTEXTS.get("greeter").settings(f.jena)).isEqualTo(JsonObject.of("greeting", "Hallo"));
        assertThatThrownBy(() -> f.host.putSettings(GREETER, f.erfurt, JsonObject.of("greeting", 7)))
                .isInstanceOf(Problem.class).hasMessageContaining("greeting");
        assertThatThrownBy(() -> f.host.putSettings(GREETER, f.erfurt, JsonObject.of("colour", "red")))
                .isInstanceOf(Problem.class).hasMessageContaining("colour");
    }

    @Test
    void theCircuitBreakerDisablesAPluginThatFailsTooOften() {
        install(TestPlugins.GreeterV1.class);
        int changes = f.changes.get();
        for (int i = 0; i < 4; i++) {
            f.host.failed(GREETER, "room-" + i, PluginFaults.Kind.THREW, "onMessage", new IllegalStateException("bug " + i));
        }
        assertThat(f.host.isRunning(GREETER)).isTrue();
        f.host.failed(GREETER, "room-5", PluginFaults.Kind.THREW, "onJoin", new IllegalStateException("bug 5"));
        await(() -> f.host.find(GREETER).orElseThrow().row().state() == PluginState.FAILED);
        PluginInfo p = f.host.find(GREETER).orElseThrow();
        assertThat(p.row().state()).isEqualTo(PluginState.FAILED);
        assertThat(p.row().reason()).get().asString().contains("circuit breaker", "failed 5 times within 60 s", "onJoin");
        assertThat(f.changes.get()).isGreaterThan(changes);
        assertThat(f.metrics.get("plenum.plugin.failures").tag("plugin", "greeter").tag("kind", "threw").counter().count()).isEqualTo(5.0);

        f.host.enable(GREETER);
        assertThat(f.host.isRunning(GREETER)).isTrue();
        f.host.failed(GREETER, "room", PluginFaults.Kind.TIMED_OUT, "onMessage", null);
        await(() -> f.host.find(GREETER).orElseThrow().row().state() == PluginState.FAILED);
        assertThat(f.host.find(GREETER).orElseThrow().row().reason()).get().asString().contains("did not return in time");
    }

    @Test
    void uninstallKeepsDataUnlessPurgedAndDeletesTheJar() {
        install(TestPlugins.GreeterV1.class);
        f.host.putSettings(GREETER, f.erfurt, JsonObject.of("greeting", "Servus"));
        f.host.uninstall(GREETER, false);
        assertThat(f.host.find(GREETER)).isEmpty();
        assertThat(f.host.config().directory().resolve("greeter-1.0.0.jar")).doesNotExist();
        assertThat(TestPlugins.EVENTS).endsWith("greeter 1.0.0 stop");
        install(TestPlugins.GreeterV1.class);
        assertThat(f.host.settings(GREETER, f.erfurt)).as("settings survive an uninstall").isEqualTo(JsonObject.of("greeting", "Servus"));
        f.host.uninstall(GREETER, true);
        install(TestPlugins.GreeterV1.class);
        assertThat(f.host.settings(GREETER, f.erfurt)).as("a purge deletes them").isEqualTo(JsonObject.of("greeting", "Hallo"));
        assertThatThrownBy(() -> f.host.uninstall(PluginId.of("nothing"), false)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
    }

    @Test
    void uiFilesComeOnlyFromTheDeclaredDirectoryOfARunningPlugin() {
        install(TestPlugins.GreeterV1.class);
        assertThat(f.host.uiAsset(GREETER, "greeter.js")).get().satisfies(a -> {
            assertThat(a.contentType()).startsWith("text/javascript");
            assertThat(new String(a.bytes(), StandardCharsets.UTF_8)).contains("customElements.define");
        });
        assertThat(f.host.uiAsset(GREETER, "style.css")).get().extracting(a -> a.contentType()).asString().startsWith("text/css");
        for (String bad : List.of("../secret/config.txt", "..", "", "/etc/passwd", "nothing.js", "%2e%2e/secret/config.txt")) {
            assertThat(f.host.uiAsset(GREETER, bad)).as(bad).isEmpty();
        }
        f.host.disable(GREETER);
        assertThat(f.host.uiAsset(GREETER, "greeter.js")).isEmpty();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            sleep(Duration.ofMillis(10));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
