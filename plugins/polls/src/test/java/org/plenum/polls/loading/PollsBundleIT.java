package org.plenum.polls.loading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.plenum.api.Plugin;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.polls.PollsPlugin;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (In a package of its own: failsafe puts the signed jar on the class path, and a package may not mix signed and
 * unsigned classes.)
 *
 * <p>The built bundle in a real Felix, as the host's OSGi source will load it: the API exported from the class path at
 * version 1.0.0, the bundle resolves, its activator registers the Plugin service, and that plugin works.
 */
class PollsBundleIT {

    private static final String API_PACKAGES = Stream.of("", ".room", ".event", ".http", ".json", ".audit", ".service", ".storage", ".ui")
            .map(p -> "org.plenum.api" + p + ";version=1.0.0").collect(Collectors.joining(","));

    @TempDir
    Path storage;

    static Path builtJar() {
        return Path.of(System.getProperty("plenum.plugin.jar"));
    }

    @Test
    void felixResolvesTheBundleAndItsActivatorRegistersThePlugin() throws Exception {
        Path jar = builtJar();
        assertThat(jar).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            var main = file.getManifest().getMainAttributes();
            assertThat(main.getValue("Bundle-SymbolicName")).isEqualTo("org.plenum.plugin.polls");
            assertThat(main.getValue("Plenum-Plugin-Id")).isEqualTo("polls");
            assertThat(main.getValue("Import-Package")).contains("org.plenum.api.room;version=\"[1.0,2)\"");
        }
        Framework felix = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API_PACKAGES));
        felix.start();
        try {
            BundleContext context = felix.getBundleContext();
            Bundle bundle = context.installBundle(jar.toUri().toString(), Files.newInputStream(jar));
            bundle.start();
            assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);

            ServiceReference<Plugin> reference = context.getServiceReference(Plugin.class);
            assertThat(reference).isNotNull();
            assertThat(reference.getProperty("plenum.plugin.id")).isEqualTo("polls");
            Plugin plugin = context.getService(reference);
            assertThat(plugin.getClass().getClassLoader()).as("loaded by the bundle, not the test").isNotSameAs(PollsPlugin.class.getClassLoader());
            assertThat(plugin.descriptor().id().value()).isEqualTo("polls");
            assertThat(plugin.descriptor().version().toString().replace('-', '.')).isEqualTo(bundle.getVersion().toString());

            PluginTester tester = PluginTester.forPlugin(plugin).start();
            SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
            chair.send("create", JsonObject.of("question", "Works in Felix?", "options", JsonArray.of("yes", "no")));
            assertThat(chair.lastReceived().type()).isEqualTo("started");

            bundle.stop();
            assertThat(context.getServiceReference(Plugin.class)).as("withdrawn with the bundle").isNull();
        } finally {
            felix.stop();
            felix.waitForStop(10_000);
        }
    }
}
