package org.plenum.pluginhost.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.api.PluginId;
import org.plenum.pluginhost.registry.PluginState;
import org.plenum.pluginhost.testing.HostFixture;
import org.plenum.pluginhost.testing.TestPlugins;

/** The registry is the database: after a restart every plugin that ran runs again, and the others stay as they were. */
class RegistryAcrossRestartTest {

    static HostFixture f;

    @BeforeAll
    static void start() {
        f = new HostFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void statesAndTenantChoicesSurviveARestartAndRunningPluginsStartAgainInDependencyOrder() throws Exception {
        TestPlugins.reset();
        f.host.install(f.signed(TestPlugins.GreeterV1.class), Optional.empty(), Optional.empty());
        f.host.install(f.signed(TestPlugins.Listener.class), Optional.empty(), Optional.empty());
        f.host.install(f.signed(TestPlugins.Counter.class), Optional.empty(), Optional.empty());
        f.host.install(f.signed(TestPlugins.Stranger.class), Optional.of(f.jena), Optional.empty());
        f.host.disable(PluginId.of("counter"));
        f.host.setAvailable(PluginId.of("greeter"), f.erfurt, true);
        f.host.setEnabled(PluginId.of("greeter"), f.erfurt, true);
        f.host.setEnabled(PluginId.of("stranger"), f.jena, true);
        long generation = f.host.find(PluginId.of("greeter")).orElseThrow().generation();

        TestPlugins.reset();
        f.restart();

        assertThat(TestPlugins.EVENTS).as("dependents stop first and start last")
                .containsExactly("listener stop", "greeter 1.0.0 stop", "greeter 1.0.0 start", "listener start true");
        assertThat(f.host.runningPlugins()).extracting(PluginId::value).containsExactly("greeter", "listener", "stranger");
        assertThat(f.host.find(PluginId.of("counter")).orElseThrow().row().state()).isEqualTo(PluginState.DISABLED);
        assertThat(f.host.find(PluginId.of("stranger")).orElseThrow().row().ownerTenant()).contains(f.jena);
        assertThat(f.host.activeFor(f.erfurt, "room")).extracting(a -> a.id().value()).containsExactly("greeter");
        assertThat(f.host.tenancy().usableBy(PluginId.of("stranger"), f.jena)).isTrue();
        assertThat(f.host.tenancy().visibleTo(PluginId.of("stranger"), f.erfurt)).isFalse();
        assertThat(f.host.find(PluginId.of("greeter")).orElseThrow().generation()).isPositive();
        assertThat(generation).isPositive();

        // a jar changed on disk while the server was down is not loaded
        Files.writeString(f.host.config().directory().resolve("listener-1.0.0.jar"), "swapped");
        TestPlugins.reset();
        f.restart();
        assertThat(f.host.runningPlugins()).extracting(PluginId::value).containsExactly("greeter", "stranger");
        var listener = f.host.find(PluginId.of("listener")).orElseThrow();
        assertThat(listener.row().state()).isEqualTo(PluginState.FAILED);
        assertThat(listener.row().reason()).get().asString().contains("changed on disk");
    }
}
