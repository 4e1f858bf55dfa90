package org.plenum.pluginhost.testing;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.plenum.api.Plugin;
import org.plenum.pluginhost.lifecycle.CodeLoadException;
import org.plenum.pluginhost.lifecycle.CodeLoader;
import org.plenum.pluginhost.lifecycle.LoadedCode;

/**
 * A {@link CodeLoader} for tests of the host's lifecycle and tenancy: the jar's manifest names a
 * {@link Plugin} class on the test class path ({@value #PLUGIN_CLASS}), which is instantiated in a
 * class loader of its own that sees the jar (for resources) and delegates classes to the test's.
 * The real OSGi and PF4J loaders are tested by the loaders' own tests and end to end.
 */
public final class ClasspathCodeLoader implements CodeLoader {

    public static final String PLUGIN_CLASS = "Plenum-Test-Plugin";

    @Override
    public LoadedCode load(Path jar) throws CodeLoadException {
        String className;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            className = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue(PLUGIN_CLASS);
        } catch (IOException e) {
            throw new CodeLoadException(jar.getFileName() + ": this is no readable jar: " + e.getMessage(), e);
        }
        if (className == null) {
            throw new CodeLoadException(jar.getFileName() + ": this is no plugin: its manifest names no " + PLUGIN_CLASS);
        }
        try {
            URLClassLoader loader = new URLClassLoader("test-plugin", new URL[] {jar.toUri().toURL()}, ClasspathCodeLoader.class.getClassLoader());
            Plugin plugin = (Plugin) Class.forName(className, true, ClasspathCodeLoader.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
            return new Loaded(plugin, loader);
        } catch (ReflectiveOperationException | IOException | ClassCastException e) {
            throw new CodeLoadException(jar.getFileName() + ": cannot instantiate " + className + ": " + e, e);
        }
    }

    @Override
    public void close() {
    }

    private static final class Loaded implements LoadedCode {
        private Plugin plugin;
        private URLClassLoader loader;

        Loaded(Plugin plugin, URLClassLoader loader) {
            this.plugin = plugin;
            this.loader = loader;
        }

        @Override
        public synchronized Plugin plugin() {
            if (plugin == null) {
                throw new IllegalStateException("unloaded");
            }
            return plugin;
        }

        @Override
        public synchronized ClassLoader classLoader() {
            if (loader == null) {
                throw new IllegalStateException("unloaded");
            }
            return loader;
        }

        @Override
        public String kind() {
            return "test";
        }

        @Override
        public synchronized void unload() {
            if (loader != null) {
                try {
                    loader.close();
                } catch (IOException e) {
                    // nothing to do
                }
            }
            plugin = null;
            loader = null;
        }
    }
}
