package org.plenum.timer.loading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.plenum.api.Plugin;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (In a package of its own: failsafe puts the signed jar on the class path, and a package may not mix signed and
 * unsigned classes.)
 *
 * <p>The built jar in a real PF4J plugin manager, as the host's PF4J source will load it: the manifest describes the
 * plugin, the Plenum API version satisfies Plugin-Requires, and the @Extension is found as an org.plenum.api.Plugin.
 */
class TimerPf4jIT {

    @TempDir
    Path pluginsDir;

    @Test
    void pf4jLoadsThePluginAndFindsItsExtension() throws Exception {
        Path jar = Path.of(System.getProperty("plenum.plugin.jar"));
        assertThat(jar).exists();
        Files.copy(jar, pluginsDir.resolve(jar.getFileName()));
        String manifestVersion;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifestVersion = file.getManifest().getMainAttributes().getValue("Plugin-Version");
        }

        PluginManager pf4j = new JarPluginManager(pluginsDir);
        pf4j.setSystemVersion("1.0.0"); // PlenumApi.VERSION
        pf4j.loadPlugins();
        pf4j.startPlugins();
        try {
            PluginWrapper wrapper = pf4j.getPlugin("timer");
            assertThat(wrapper).isNotNull();
            assertThat(wrapper.getPluginState()).isEqualTo(PluginState.STARTED);
            assertThat(wrapper.getDescriptor().getRequires()).isEqualTo(">=1.0.0 & <2.0.0");

            List<Plugin> extensions = pf4j.getExtensions(Plugin.class, "timer");
            assertThat(extensions).singleElement().satisfies(plugin -> {
                assertThat(plugin.getClass().getClassLoader()).isSameAs(wrapper.getPluginClassLoader());
                assertThat(plugin.descriptor().id().value()).isEqualTo(wrapper.getPluginId());
                assertThat(plugin.descriptor().version().toString()).isEqualTo(manifestVersion);
            });

            PluginTester tester = PluginTester.forPlugin(extensions.getFirst()).start();
            SimulatedParticipant chair = tester.join("Chair", Role.MODERATOR);
            chair.send("start", JsonObject.of("kind", "stopwatch", "title", "Works in PF4J"));
            assertThat(chair.lastReceived().type()).isEqualTo("started");
        } finally {
            pf4j.stopPlugins();
            pf4j.unloadPlugins();
        }
    }

    @Test
    void aHostOfTheNextMajorApiVersionRefusesIt() throws Exception {
        Path jar = Path.of(System.getProperty("plenum.plugin.jar"));
        Files.copy(jar, pluginsDir.resolve(jar.getFileName()));

        PluginManager pf4j = new JarPluginManager(pluginsDir);
        pf4j.setSystemVersion("2.0.0");
        pf4j.loadPlugins();
        pf4j.startPlugins();
        try {
            assertThat(pf4j.getPlugin("timer").getPluginState()).isNotEqualTo(PluginState.STARTED);
        } finally {
            pf4j.unloadPlugins();
        }
    }
}
