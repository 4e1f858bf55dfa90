package org.plenum.pluginhost.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.api.PluginId;
import org.plenum.core.error.Problem;
import org.plenum.pluginhost.lifecycle.PluginInfo;
import org.plenum.pluginhost.registry.PluginState;
import org.plenum.pluginhost.testing.HostFixture;
import org.plenum.pluginhost.testing.SignedJars;

/**
 * The host with the real loaders: the fixture bundle (Felix) and the fixture PF4J plugin, signed,
 * installed, updated, restarted and removed; the old versions' class loaders are freed.
 */
class RealLoadersInTheHostTest {

    static HostFixture f;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("real-loaders");
        f = new HostFixture(Map.of(), () -> LoaderBridge.inDirectory(work.resolve("loaders-" + System.nanoTime())));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static Path signedCopy(Path jar, String name) throws Exception {
        Path copy = Files.copy(jar, f.jars.resolve(name));
        return f.signing.sign(copy);
    }

    @Test
    void osgiAndPf4jPluginsAreInstalledUpdatedRestartedAndRemovedAndTheirClassLoadersFreed() throws Exception {
        PluginInfo pf4j = f.host.install(signedCopy(Fixtures.pf4jHello(), "pf4j-hello.jar"), Optional.empty(), Optional.empty());
        PluginInfo osgi = f.host.install(signedCopy(Fixtures.osgiHello(), "osgi-hello.jar"), Optional.empty(), Optional.empty());
        assertThat(pf4j.row().loader()).isEqualTo("pf4j");
        assertThat(osgi.row().loader()).isEqualTo("osgi");
        assertThat(pf4j.row().state()).isEqualTo(PluginState.ACTIVE);
        assertThat(osgi.row().state()).isEqualTo(PluginState.ACTIVE);
        PluginId pf4jId = pf4j.row().id();
        PluginId osgiId = osgi.row().id();

        // an unsigned real plugin is refused before it is loaded
        assertThatThrownBy(() -> f.host.install(Fixtures.pf4jHello(), Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detail()).contains("not signed"));

        // update both; the old class loaders go
        Collectability.Labelled oldPf4j = Collectability.Labelled.of("pf4j 1.0.0", f.host.classLoaderOf(pf4jId).orElseThrow());
        Collectability.Labelled oldOsgi = Collectability.Labelled.of("osgi 1.0.0", f.host.classLoaderOf(osgiId).orElseThrow());
        Path pf4jNext = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Version", "1.1.0").descriptor("version", "1.1.0")
                .writeTo(f.jars.resolve("pf4j-hello-1.1.0.jar"));
        Path osgiNext = Fixtures.variant(Fixtures.osgiHello()).header("Bundle-Version", "1.1.0").descriptor("version", "1.1.0")
                .writeTo(f.jars.resolve("osgi-hello-1.1.0.jar"));
        assertThat(f.host.update(pf4jId, f.signing.sign(pf4jNext), Optional.empty()).row().version().toString()).isEqualTo("1.1.0");
        assertThat(f.host.update(osgiId, f.signing.sign(osgiNext), Optional.empty()).row().version().toString()).isEqualTo("1.1.0");
        assertThat(Collectability.stillReachableAfter(Duration.ofSeconds(20), List.of(oldPf4j, oldOsgi))).isEmpty();
        assertThat(f.host.stopReason(pf4jId)).as("what rooms were told while the old version was gone").isEqualTo("updated");

        f.restart();
        assertThat(f.host.runningPlugins()).containsExactlyInAnyOrder(pf4jId, osgiId);
        assertThat(f.host.find(osgiId).orElseThrow().row().version().toString()).isEqualTo("1.1.0");

        Collectability.Labelled before = Collectability.Labelled.of("pf4j 1.1.0", f.host.classLoaderOf(pf4jId).orElseThrow());
        f.host.uninstall(pf4jId, true);
        f.host.disable(osgiId);
        assertThat(f.host.stopReason(osgiId)).isEqualTo("disabled");
        assertThat(Collectability.stillReachableAfter(Duration.ofSeconds(20), List.of(before))).isEmpty();
        f.host.uninstall(osgiId, false);
        assertThat(f.host.list()).isEmpty();
    }
}
