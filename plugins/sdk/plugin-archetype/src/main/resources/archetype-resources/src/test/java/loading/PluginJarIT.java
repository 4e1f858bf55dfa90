package ${package}.loading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.plenum.api.PlenumApi;
import org.plenum.api.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, loaded by PF4J as the Plenum server loads it: runs after packaging ({@code mvn verify}). In a package
 * of its own, because the jar (possibly signed) is on the class path and may not share a package with test classes.
 */
class PluginJarIT {

    @TempDir
    Path plugins;

    @Test
    void pf4jLoadsTheJarAndFindsThePlugin() throws Exception {
        Path jar = Path.of(System.getProperty("plenum.plugin.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Attributes manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest().getMainAttributes();
        }

        PluginManager pf4j = new JarPluginManager(plugins);
        pf4j.setSystemVersion(PlenumApi.VERSION.toString());
        pf4j.loadPlugins();
        pf4j.startPlugins();
        try {
            String id = manifest.getValue("Plugin-Id");
            assertThat(pf4j.getPlugin(id).getPluginState()).isEqualTo(PluginState.STARTED);
            List<Plugin> found = pf4j.getExtensions(Plugin.class, id);
            assertThat(found).singleElement().satisfies(plugin -> {
                assertThat(plugin.descriptor().id().value()).isEqualTo(id);
                assertThat(plugin.descriptor().version().toString()).isEqualTo(manifest.getValue("Plugin-Version"));
                assertThat(plugin.descriptor().requires().contains(PlenumApi.VERSION)).isTrue();
            });
        } finally {
            pf4j.stopPlugins();
            pf4j.unloadPlugins();
        }
    }
}
