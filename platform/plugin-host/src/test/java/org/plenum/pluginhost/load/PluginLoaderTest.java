package org.plenum.pluginhost.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.pluginhost.load.Collectability.Labelled;

/** Picking the loader by manifest, and what a closed loader leaves behind. */
class PluginLoaderTest {

    @TempDir
    Path work;
    @TempDir
    Path jars;

    @Test
    void eachJarGoesToTheLoaderItsManifestNames() throws Exception {
        try (PluginLoader loader = new PluginLoader(work)) {
            LoadedPlugin osgi = loader.load(Fixtures.osgiHello());
            LoadedPlugin pf4j = loader.load(Fixtures.pf4jHello());

            assertThat(osgi.kind()).isEqualTo(LoaderKind.OSGI);
            assertThat(pf4j.kind()).isEqualTo(LoaderKind.PF4J);
            osgi.unload();
            pf4j.unload();
        }
    }

    @Test
    void theOsgiFrameworkStartsOnlyWhenABundleIsLoaded() throws Exception {
        try (PluginLoader loader = new PluginLoader(work)) {
            loader.load(Fixtures.pf4jHello()).unload();

            assertThat(work.resolve("osgi")).doesNotExist();
        }
    }

    @Test
    void closingTheLoaderUnloadsWhatIsStillLoaded() throws Exception {
        LoadedPlugin osgi;
        LoadedPlugin pf4j;
        try (PluginLoader loader = new PluginLoader(work)) {
            osgi = loader.load(Fixtures.osgiHello());
            pf4j = loader.load(Fixtures.pf4jHello());
        }

        assertThat(osgi.unloaded()).isTrue();
        assertThat(pf4j.unloaded()).isTrue();
        assertThat(work.resolve("pf4j")).doesNotExist();
    }

    @Test
    void aJarWithNeitherLoadersHeadersIsRefused() throws Exception {
        Path plain = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Id", null).writeTo(jars.resolve("plain.jar"));

        try (PluginLoader loader = new PluginLoader(work)) {
            assertThatThrownBy(() -> loader.load(plain))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessage("plain.jar: this is no plugin: its manifest has neither Bundle-SymbolicName (an OSGi bundle) nor "
                            + "Plugin-Id (a PF4J plugin); build it as one of the two");
        }
    }

    @Test
    void aJarWithBothLoadersHeadersIsRefused() throws Exception {
        Path both = Fixtures.variant(Fixtures.osgiHello()).header("Plugin-Id", "osgi-hello").writeTo(jars.resolve("both.jar"));

        try (PluginLoader loader = new PluginLoader(work)) {
            assertThatThrownBy(() -> loader.load(both))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageStartingWith("both.jar: its manifest has both Bundle-SymbolicName (OSGi) and Plugin-Id (PF4J)");
        }
    }

    @Test
    void aFileThatIsNoJarIsRefused() throws Exception {
        Path garbage = Files.writeString(jars.resolve("garbage.jar"), "no zip at all", StandardCharsets.UTF_8);

        try (PluginLoader loader = new PluginLoader(work)) {
            assertThatThrownBy(() -> loader.load(garbage))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageStartingWith("garbage.jar: this is no readable jar");
            assertThatThrownBy(() -> loader.load(jars.resolve("missing.jar")))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageStartingWith("missing.jar: there is no such file");
        }
    }

    @Test
    void aPluginRefusedAfterLoadingIsCollectedEvenWhileItsRefusalIsKept() throws Exception {
        List<Labelled> references = new ArrayList<>();
        List<PluginLoadException> refusals = new ArrayList<>();
        try (PluginLoader loader = new PluginLoader(List.of(new RecordingSource(new OsgiPluginSource(work), references),
                new RecordingSource(new Pf4jPluginSource(work), references)))) {
            for (Path jar : List.of(
                    Fixtures.variant(Fixtures.osgiHello()).header("Bundle-SymbolicName", "org.example.other").writeTo(jars.resolve("o1.jar")),
                    Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Id", "other").writeTo(jars.resolve("p1.jar")),
                    Fixtures.variant(Fixtures.pf4jHello()).descriptor("requires", "[2.0,3.0)").writeTo(jars.resolve("p2.jar")))) {
                try {
                    loader.load(jar);
                } catch (PluginLoadException refused) {
                    refusals.add(refused);
                }
            }
            assertThat(refusals).hasSize(3);
            assertThat(Collectability.stillReachableAfter(Duration.ofSeconds(10), references)).isEmpty();
        }
    }
}
