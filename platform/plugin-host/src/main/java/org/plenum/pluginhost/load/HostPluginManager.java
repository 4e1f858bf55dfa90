package org.plenum.pluginhost.load;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.RuntimeMode;
import org.plenum.api.Plugin;

/**
 * PF4J's plugin manager as the host uses it: jars described by their manifest only, always in
 * deployment mode, no enabled/disabled files (the registry decides that), no plugin code run as
 * PF4J's {@code Plugin-Class}, and class loaders that show a plugin only the JDK, the plugin API and
 * PF4J ({@link HostView}).
 */
final class HostPluginManager extends DefaultPluginManager {

    HostPluginManager(Path pluginDir) {
        super(pluginDir);
    }

    /** The PF4J descriptor of a jar, as read from its manifest (not validated). */
    PluginDescriptor describe(Path jar) {
        return getPluginDescriptorFinder().find(jar);
    }

    /** Stops and unloads one plugin and closes its class loader, leaving plugins that depend on it alone. */
    void discard(String pluginId) {
        unloadPlugin(pluginId, false);
    }

    /** The loaded plugins that declare a dependency on {@code pluginId}. */
    List<String> dependents(String pluginId) {
        return dependencyResolver.getDependents(pluginId);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        // never development mode, whatever -Dpf4j.mode says: it would load from other directories
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder();
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new JarPluginRepository(getPluginsRoots());
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("plugins are enabled and disabled in the plugin registry, not in PF4J");
            }

            @Override
            public void enablePlugin(String pluginId) {
            }
        };
    }

    /**
     * PF4J's own plugin object is never the plugin's class: that would hand the plugin a
     * {@code PluginWrapper}, and through it this manager. The plugin's lifecycle is
     * {@code org.plenum.api.Plugin}; {@link Pf4jPluginSource} refuses jars that name a Plugin-Class.
     */
    @Override
    protected PluginFactory createPluginFactory() {
        return wrapper -> new org.pf4j.Plugin();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new PluginLoader() {
            @Override
            public boolean isApplicable(Path pluginPath) {
                return Files.isRegularFile(pluginPath) && pluginPath.getFileName().toString().endsWith(".jar");
            }

            @Override
            public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor pluginDescriptor) {
                // the host view first: it only knows the JDK, the API and PF4J, so everything else
                // comes from the plugin's jar, then from its dependencies
                PluginClassLoader loader = new PluginClassLoader(HostPluginManager.this, pluginDescriptor, HostView.INSTANCE,
                        ClassLoadingStrategy.APD);
                loader.addFile(pluginPath.toFile());
                return loader;
            }
        };
    }

    /**
     * The parent of every PF4J plugin's class loader: the JDK's platform classes, and the server's
     * {@code org.plenum.api.*} and {@code org.pf4j.*} classes. A plugin that bundles its own copy of
     * the API still gets the server's, so its {@code Plugin} is the server's {@code Plugin}.
     */
    static final class HostView extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        static final HostView INSTANCE = new HostView();

        private static final String PF4J = "org.pf4j.";
        private final ClassLoader api = Plugin.class.getClassLoader();
        private final ClassLoader pf4j = PluginClassLoader.class.getClassLoader();

        private HostView() {
            super("plenum-pf4j-host-view", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (ApiPackages.isApiClass(name)) {
                return api.loadClass(name);
            }
            if (name.startsWith(PF4J)) {
                return pf4j.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            ClassLoader host = hostFor(name);
            return host != null ? host.getResource(name) : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            ClassLoader host = hostFor(name);
            return host != null ? host.getResources(name) : super.getResources(name);
        }

        private ClassLoader hostFor(String resource) {
            String asClass = resource.replace('/', '.');
            if (ApiPackages.isApiClass(asClass)) {
                return api;
            }
            return asClass.startsWith(PF4J) ? pf4j : null;
        }

        @Override
        public String toString() {
            return "the JDK, the plugin API and PF4J of the server";
        }
    }
}
