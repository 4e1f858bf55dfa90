package org.plenum.pluginhost.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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

/** Real PF4J, the real fixture plugin and variants of it. */
class Pf4jPluginSourceTest {

    @TempDir
    static Path work;
    @TempDir
    Path jars;

    static Pf4jPluginSource pf4j;
    static PluginLoader loader;
    final List<LoadedPlugin> loaded = new ArrayList<>();

    @BeforeAll
    static void createSource() throws PluginLoadException {
        pf4j = new Pf4jPluginSource(work);
        loader = new PluginLoader(List.of(pf4j));
    }

    @AfterEach
    void unloadAndCheckNothingIsLeft() throws IOException {
        loaded.forEach(LoadedPlugin::unload);
        assertThat(pf4j.leftovers()).as("plugins and copies PF4J still holds").isEmpty();
    }

    @AfterAll
    static void closeSource() {
        loader.close();
    }

    private LoadedPlugin load(Path jar) throws PluginLoadException {
        LoadedPlugin p = loader.load(jar);
        loaded.add(p);
        return p;
    }

    @Test
    void aPluginIsLoadedAndItsPluginStartsAndStops() throws Exception {
        LoadedPlugin hello = load(Fixtures.pf4jHello());

        assertThat(hello.kind()).isEqualTo(LoaderKind.PF4J);
        assertThat(hello.jar()).isEqualTo(Fixtures.pf4jHello());
        PluginDescriptor descriptor = hello.plugin().descriptor();
        assertThat(descriptor.id().value()).isEqualTo("pf4j-hello");
        assertThat(descriptor.version()).isEqualTo(SemVer.parse("1.0.0"));

        TestContext context = new TestContext(descriptor);
        hello.plugin().start(context.context);
        hello.plugin().stop();
        assertThat(context.logged).containsExactly("INFO hello from pf4j-hello 1.0.0");
    }

    @Test
    void thePluginSeesTheServersPluginApiAndNothingElseOfTheServer() throws Exception {
        LoadedPlugin hello = load(Fixtures.pf4jHello());
        ClassLoader pluginLoader = hello.classLoader();

        assertThat(hello.plugin().getClass().getClassLoader()).isSameAs(pluginLoader);
        assertThat(pluginLoader.loadClass(Plugin.class.getName())).isSameAs(Plugin.class);
        assertThat(pluginLoader.loadClass(PlenumApi.class.getName())).isSameAs(PlenumApi.class);
        assertThat(pluginLoader.loadClass("java.sql.Connection")).isSameAs(java.sql.Connection.class);
        assertThatThrownBy(() -> pluginLoader.loadClass(PluginLoader.class.getName())).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> pluginLoader.loadClass("org.slf4j.LoggerFactory")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> pluginLoader.loadClass("org.junit.jupiter.api.Test")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aPluginWithItsOwnCopyOfThePluginApiStillGetsTheServers() throws Exception {
        Path embedding = Fixtures.variant(Fixtures.pf4jHello()).withApiCopy().writeTo(jars.resolve("pf4j-hello-embedded-api.jar"));

        LoadedPlugin hello = load(embedding);

        assertThat(hello.plugin()).isInstanceOf(Plugin.class);
        assertThat(hello.classLoader().loadClass(Plugin.class.getName())).isSameAs(Plugin.class);
    }

    @Test
    void aPluginWhoseManifestRequiresApi2IsRefusedNamingBothVersions() throws Exception {
        Path api2 = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Requires", ">=2.0.0 & <3.0.0")
                .writeTo(jars.resolve("pf4j-hello-api2.jar"));

        assertThatThrownBy(() -> load(api2))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("pf4j-hello-api2.jar: its Plugin-Requires '>=2.0.0 & <3.0.0' does not accept Plenum API 1.1.0, which "
                        + "this server provides; build the plugin against Plenum API 1.x, or install it on a server with a matching API");
    }

    @Test
    void aPluginWhoseDescriptorRequiresApi2IsRefusedNamingBothVersions() throws Exception {
        Path api2 = Fixtures.variant(Fixtures.pf4jHello()).descriptor("requires", "[2.0,3.0)")
                .writeTo(jars.resolve("pf4j-hello-descriptor-api2.jar"));

        assertThatThrownBy(() -> load(api2))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("pf4j-hello-descriptor-api2.jar: plugin pf4j-hello 1.0.0 requires Plenum API [2.0.0,3.0.0), but this "
                        + "server provides Plenum API 1.1.0; install a version of the plugin built for Plenum API 1.x");
    }

    @Test
    void aPluginWhosePluginIdDiffersFromItsDescriptorIsRefused() throws Exception {
        Path other = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Id", "pf4j-goodbye")
                .writeTo(jars.resolve("pf4j-goodbye.jar"));

        assertThatThrownBy(() -> load(other))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("pf4j-goodbye.jar: its descriptor says plugin id 'pf4j-hello', but its manifest's Plugin-Id is "
                        + "'pf4j-goodbye'; use the same id in both");
    }

    @Test
    void aPluginWhosePluginVersionDiffersFromItsDescriptorIsRefused() throws Exception {
        Path other = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Version", "1.0.1")
                .writeTo(jars.resolve("pf4j-hello-1.0.1.jar"));

        assertThatThrownBy(() -> load(other))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("pf4j-hello-1.0.1.jar: its descriptor says version 1.0.0, but its manifest's Plugin-Version is 1.0.1; "
                        + "build both from the same version");
    }

    @Test
    void aPluginWithoutPluginVersionIsRefused() throws Exception {
        Path unversioned = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Version", null)
                .writeTo(jars.resolve("pf4j-hello-unversioned.jar"));

        assertThatThrownBy(() -> load(unversioned))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("pf4j-hello-unversioned.jar: its manifest has no Plugin-Version; add the plugin's version, for example 1.0.0");
    }

    @Test
    void aPluginRequiresInIntervalNotationIsRefusedAsNoPf4jExpression() throws Exception {
        Path interval = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Requires", "[1.0,2.0)")
                .writeTo(jars.resolve("pf4j-hello-interval.jar"));

        assertThatThrownBy(() -> load(interval))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("pf4j-hello-interval.jar: its Plugin-Requires '[1.0,2.0)' is no PF4J version expression")
                .hasMessageEndingWith("; write for example >=1.0.0 & <2.0.0");
    }

    @Test
    void aPluginClassHeaderIsRefused() throws Exception {
        Path withClass = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Class", "org.plenum.fixture.pf4j.HelloPlugin")
                .writeTo(jars.resolve("pf4j-hello-plugin-class.jar"));

        assertThatThrownBy(() -> load(withClass))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("pf4j-hello-plugin-class.jar: its manifest names a Plugin-Class (org.plenum.fixture.pf4j.HelloPlugin), "
                        + "which Plenum does not run: the plugin's lifecycle is org.plenum.api.Plugin's start and stop; "
                        + "remove the Plugin-Class header");
    }

    @Test
    void aPluginWhoseDependencyIsNotLoadedIsRefused() throws Exception {
        Path needy = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Dependencies", "geodata@>=3.1.0")
                .writeTo(jars.resolve("pf4j-hello-needs-geodata.jar"));

        assertThatThrownBy(() -> load(needy))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("pf4j-hello-needs-geodata.jar: its Plugin-Dependencies name [geodata], which are not loaded; load them first");
    }

    @Test
    void aPluginWhoseDependencyIsLoadedIsLoaded() throws Exception {
        Path base = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Id", "pf4j-base").descriptor("id", "pf4j-base")
                .writeTo(jars.resolve("pf4j-base.jar"));
        Path dependent = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Dependencies", "pf4j-base@>=1.0.0")
                .writeTo(jars.resolve("pf4j-hello-on-base.jar"));
        LoadedPlugin baseLoaded = load(base);

        LoadedPlugin hello = load(dependent);

        assertThat(hello.plugin().descriptor().id().value()).isEqualTo("pf4j-hello");
        hello.unload();
        baseLoaded.unload();
    }

    @Test
    void aJarWithoutAPluginExtensionIsRefused() throws Exception {
        Path bare = Fixtures.variant(Fixtures.pf4jHello()).withoutExtensionIndex().writeTo(jars.resolve("pf4j-hello-bare.jar"));

        assertThatThrownBy(() -> load(bare))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("pf4j-hello-bare.jar: it has no @Extension class that implements org.plenum.api.Plugin "
                        + "(META-INF/extensions.idx is missing or empty)");
    }

    @Test
    void aPluginWhoseConstructorThrowsIsRefusedWithTheCause() throws Exception {
        // the fixture builds its descriptor when it is created; an npm-style range makes that throw
        Path broken = Fixtures.variant(Fixtures.pf4jHello()).descriptor("requires", "^1.0").writeTo(jars.resolve("pf4j-hello-caret.jar"));

        assertThatThrownBy(() -> load(broken))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("pf4j-hello-caret.jar: creating its plugin class org.plenum.fixture.pf4j.HelloPlugin failed: "
                        + "java.lang.IllegalArgumentException: ");
    }

    @Test
    void aSecondPluginWithTheSameIdIsRefusedWhileTheFirstIsLoaded() throws Exception {
        load(Fixtures.pf4jHello());

        assertThatThrownBy(() -> load(Fixtures.pf4jHello()))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("plenum-fixture-pf4j-hello.jar: a PF4J plugin with id pf4j-hello is loaded already (version 1.0.0); "
                        + "unload it first");
    }

    @Test
    void aPluginCanBeLoadedAgainAfterUnloadAndUpdatedToANewerVersion() throws Exception {
        LoadedPlugin first = load(Fixtures.pf4jHello());
        first.unload();
        assertThat(first.unloaded()).isTrue();
        assertThatThrownBy(first::classLoader).isInstanceOf(IllegalStateException.class);

        LoadedPlugin again = load(Fixtures.pf4jHello());
        assertThat(again.plugin().descriptor().version()).isEqualTo(SemVer.parse("1.0.0"));
        again.unload();

        Path newer = Fixtures.variant(Fixtures.pf4jHello()).header("Plugin-Version", "1.1.0").descriptor("version", "1.1.0")
                .writeTo(jars.resolve("pf4j-hello-1.1.0.jar"));
        LoadedPlugin updated = load(newer);
        assertThat(updated.plugin().descriptor().version()).isEqualTo(SemVer.parse("1.1.0"));
    }

    @Test
    void theClassLoaderIsFreedAfterUnload() throws Exception {
        List<Labelled> references = loadStartStopAndUnload(Fixtures.pf4jHello());

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
                Labelled.of("the plugin's class loader", hello.classLoader()),
                Labelled.of("the plugin instance", plugin),
                Labelled.of("the plugin class", plugin.getClass()));
        hello.unload();
        return references;
    }
}
