package org.plenum.pluginhost.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.api.PlenumApi;
import org.plenum.api.Plugin;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.SemVer;
import org.plenum.pluginhost.load.Collectability.Labelled;

/** Real Felix, the real fixture bundle and variants of it. */
class OsgiPluginSourceTest {

    @TempDir
    static Path work;
    @TempDir
    Path jars;

    static OsgiPluginSource osgi;
    static PluginLoader loader;
    final List<LoadedPlugin> loaded = new ArrayList<>();

    @BeforeAll
    static void startFramework() throws PluginLoadException {
        // a short wait: the fixture registers its service in its activator, and one test registers none
        osgi = new OsgiPluginSource(work, Duration.ofMillis(500));
        loader = new PluginLoader(List.of(osgi));
    }

    @AfterEach
    void unloadAndCheckNothingIsLeft() {
        loaded.forEach(LoadedPlugin::unload);
        assertThat(osgi.leftovers()).as("bundles left in the framework").isEmpty();
    }

    @AfterAll
    static void stopFramework() {
        loader.close();
    }

    private LoadedPlugin load(Path jar) throws PluginLoadException {
        LoadedPlugin p = loader.load(jar);
        loaded.add(p);
        return p;
    }

    @Test
    void aBundleIsLoadedAndItsPluginStartsAndStops() throws Exception {
        LoadedPlugin hello = load(Fixtures.osgiHello());

        assertThat(hello.kind()).isEqualTo(LoaderKind.OSGI);
        assertThat(hello.jar()).isEqualTo(Fixtures.osgiHello());
        PluginDescriptor descriptor = hello.plugin().descriptor();
        assertThat(descriptor.id().value()).isEqualTo("osgi-hello");
        assertThat(descriptor.version()).isEqualTo(SemVer.parse("1.0.0"));

        TestContext context = new TestContext(descriptor);
        hello.plugin().start(context.context);
        hello.plugin().stop();
        assertThat(context.logged).containsExactly("INFO hello from osgi-hello 1.0.0");
    }

    @Test
    void theBundleSharesTheServersPluginApi() throws Exception {
        LoadedPlugin hello = load(Fixtures.osgiHello());

        assertThat(hello.plugin()).isInstanceOf(Plugin.class);
        assertThat(hello.plugin().getClass().getClassLoader()).isSameAs(hello.classLoader());
        assertThat(hello.classLoader()).isNotSameAs(Plugin.class.getClassLoader());
        assertThat(hello.classLoader().loadClass(Plugin.class.getName())).isSameAs(Plugin.class);
        assertThat(hello.classLoader().loadClass(PlenumApi.class.getName())).isSameAs(PlenumApi.class);
    }

    @Test
    void aBundleImportingPluginApi2IsRefusedNamingBothVersions() throws Exception {
        Path api2 = Fixtures.variant(Fixtures.osgiHello())
                .header("Import-Package", "org.plenum.api;version=\"[2.0,3.0)\",org.osgi.framework;version=\"[1.10,2)\"")
                .descriptor("requires", "[2.0,3.0)")
                .writeTo(jars.resolve("osgi-hello-api2.jar"));

        assertThatThrownBy(() -> load(api2))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("osgi-hello-api2.jar: bundle org.plenum.fixture.osgi-hello 1.0.0 cannot be resolved")
                .hasMessageContaining("imports org.plenum.api version [2.0.0,3.0.0)")
                .hasMessageContaining("this server provides Plenum API 1.1.0");
    }

    @Test
    void aBundleWhoseDescriptorRequiresApi2IsRefusedNamingBothVersions() throws Exception {
        Path api2 = Fixtures.variant(Fixtures.osgiHello()).descriptor("requires", "[2.0,3.0)")
                .writeTo(jars.resolve("osgi-hello-descriptor-api2.jar"));

        assertThatThrownBy(() -> load(api2))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("osgi-hello-descriptor-api2.jar: plugin osgi-hello 1.0.0 requires Plenum API [2.0.0,3.0.0), but this "
                        + "server provides Plenum API 1.1.0; install a version of the plugin built for Plenum API 1.x");
    }

    @Test
    void aBundleImportingAPackageThatNoBundleExportsIsRefusedNamingIt() throws Exception {
        Path missing = Fixtures.variant(Fixtures.osgiHello())
                .header("Import-Package", "org.plenum.api;version=\"[1.0,2.0)\",org.osgi.framework;version=\"[1.10,2)\","
                        + "org.example.geodata;version=\"[3.1,4)\"")
                .writeTo(jars.resolve("osgi-hello-geodata.jar"));

        assertThatThrownBy(() -> load(missing))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("osgi-hello-geodata.jar: bundle org.plenum.fixture.osgi-hello 1.0.0 cannot be resolved: it imports package "
                        + "org.example.geodata version [3.1.0,4.0.0), which no loaded bundle exports; load the plugin that exports it "
                        + "first, or embed that library in the bundle");
    }

    @Test
    void aBundleWhoseSymbolicNameIsNotItsPluginIdIsRefused() throws Exception {
        Path other = Fixtures.variant(Fixtures.osgiHello()).header("Bundle-SymbolicName", "org.plenum.fixture.osgi-goodbye")
                .writeTo(jars.resolve("osgi-goodbye.jar"));

        assertThatThrownBy(() -> load(other))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("osgi-goodbye.jar: its descriptor says plugin id 'osgi-hello', but its Bundle-SymbolicName is "
                        + "'org.plenum.fixture.osgi-goodbye'; the symbolic name must be the id or end with '.osgi-hello' "
                        + "(for example org.example.osgi-hello)");
    }

    @Test
    void aBundleWhoseVersionDiffersFromItsDescriptorIsRefused() throws Exception {
        Path other = Fixtures.variant(Fixtures.osgiHello()).header("Bundle-Version", "1.1.0")
                .writeTo(jars.resolve("osgi-hello-1.1.jar"));

        assertThatThrownBy(() -> load(other))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("osgi-hello-1.1.jar: its descriptor says version 1.0.0, but its Bundle-Version is 1.1.0; "
                        + "build both from the same version");
    }

    @Test
    void aBundleThatRegistersNoPluginIsRefused() throws Exception {
        Path inert = Fixtures.variant(Fixtures.osgiHello()).header("Bundle-Activator", null)
                .writeTo(jars.resolve("osgi-hello-inert.jar"));

        assertThatThrownBy(() -> load(inert))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("osgi-hello-inert.jar: bundle org.plenum.fixture.osgi-hello 1.0.0 registered no "
                        + "org.plenum.api.Plugin service");
    }

    @Test
    void aBundleWithItsOwnCopyOfThePluginApiIsRefused() throws Exception {
        Path embedding = Fixtures.variant(Fixtures.osgiHello()).withApiCopy()
                .header("Import-Package", "org.osgi.framework;version=\"[1.10,2)\"")
                .writeTo(jars.resolve("osgi-hello-embedded-api.jar"));

        assertThatThrownBy(() -> load(embedding))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("osgi-hello-embedded-api.jar: bundle org.plenum.fixture.osgi-hello 1.0.0 registers an "
                        + "org.plenum.api.Plugin from its own copy of the plugin API; import the org.plenum.api packages instead "
                        + "of embedding them");
    }

    @Test
    void aBundleWhoseActivatorIsMissingIsRefused() throws Exception {
        Path broken = Fixtures.variant(Fixtures.osgiHello()).header("Bundle-Activator", "org.plenum.fixture.osgi.Missing")
                .writeTo(jars.resolve("osgi-hello-no-activator.jar"));

        assertThatThrownBy(() -> load(broken))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("osgi-hello-no-activator.jar: the Bundle-Activator org.plenum.fixture.osgi.Missing of bundle "
                        + "org.plenum.fixture.osgi-hello 1.0.0 cannot be loaded (Not found: org.plenum.fixture.osgi.Missing); "
                        + "check that the class is in the bundle");
    }

    @Test
    void aBundleWhoseActivatorThrowsIsRefusedWithTheCause() throws Exception {
        // the fixture builds its descriptor in the activator; an npm-style range makes that throw
        Path broken = Fixtures.variant(Fixtures.osgiHello()).descriptor("requires", "^1.0").writeTo(jars.resolve("osgi-hello-caret.jar"));

        assertThatThrownBy(() -> load(broken))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("osgi-hello-caret.jar: the activator of bundle org.plenum.fixture.osgi-hello 1.0.0 failed: "
                        + "java.lang.IllegalArgumentException: ");
    }

    @Test
    void theSameBundleCannotBeLoadedTwiceAtOnce() throws Exception {
        load(Fixtures.osgiHello());

        assertThatThrownBy(() -> load(Fixtures.osgiHello()))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("plenum-fixture-osgi-hello.jar: a bundle with the same symbolic name and version is loaded already");
    }

    @Test
    void aBundleCanBeLoadedAgainAfterUnloadAndUpdatedToANewerVersion() throws Exception {
        LoadedPlugin first = load(Fixtures.osgiHello());
        first.unload();
        assertThat(first.unloaded()).isTrue();
        assertThatThrownBy(first::plugin).isInstanceOf(IllegalStateException.class);

        LoadedPlugin again = load(Fixtures.osgiHello());
        assertThat(again.plugin().descriptor().version()).isEqualTo(SemVer.parse("1.0.0"));
        again.unload();

        Path newer = Fixtures.variant(Fixtures.osgiHello()).header("Bundle-Version", "1.1.0").descriptor("version", "1.1.0")
                .writeTo(jars.resolve("osgi-hello-1.1.0.jar"));
        LoadedPlugin updated = load(newer);
        assertThat(updated.plugin().descriptor().version()).isEqualTo(SemVer.parse("1.1.0"));
    }

    @Test
    void theClassLoaderIsFreedAfterUnload() throws Exception {
        List<Labelled> references = loadStartStopAndUnload(Fixtures.osgiHello());

        assertThat(Collectability.stillReachableAfter(Duration.ofSeconds(10), references))
                .as("still reachable 10 s after unload (a heap dump shows the path: jcmd <pid> GC.heap_dump)")
                .isEmpty();
    }

    /** In its own frame, so that no local variable of the test keeps the plugin alive. */
    private List<Labelled> loadStartStopAndUnload(Path jar) throws Exception {
        LoadedPlugin hello = load(jar);
        Plugin plugin = hello.plugin();
        TestContext context = new TestContext(plugin.descriptor());
        plugin.start(context.context);
        plugin.stop();
        List<Labelled> references = List.of(
                Labelled.of("the bundle's class loader", hello.classLoader()),
                Labelled.of("the plugin instance", plugin),
                Labelled.of("the plugin class", plugin.getClass()));
        hello.unload();
        return references;
    }
}
