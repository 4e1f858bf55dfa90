package org.plenum.pluginhost.load;

import java.nio.file.Path;
import java.util.Locale;
import org.plenum.api.Plugin;
import org.plenum.pluginhost.lifecycle.CodeLoadException;
import org.plenum.pluginhost.lifecycle.CodeLoader;
import org.plenum.pluginhost.lifecycle.LoadedCode;

/** The host's {@link CodeLoader} on top of the real loaders: OSGi bundles in Felix, PF4J plugins. */
public final class LoaderBridge implements CodeLoader {

    private final PluginLoader loader;

    public LoaderBridge(PluginLoader loader) {
        this.loader = loader;
    }

    /** Felix and PF4J with their working files under {@code workDir}. */
    public static LoaderBridge inDirectory(Path workDir) {
        return new LoaderBridge(new PluginLoader(workDir));
    }

    @Override
    public LoadedCode load(Path jar) throws CodeLoadException {
        LoadedPlugin loaded;
        try {
            loaded = loader.load(jar);
        } catch (PluginLoadException e) {
            throw new CodeLoadException(e.getMessage(), e);
        }
        return new LoadedCode() {
            @Override
            public Plugin plugin() {
                return loaded.plugin();
            }

            @Override
            public ClassLoader classLoader() {
                return loaded.classLoader();
            }

            @Override
            public String kind() {
                return loaded.kind().name().toLowerCase(Locale.ROOT);
            }

            @Override
            public void unload() {
                loaded.unload();
            }
        };
    }

    @Override
    public void close() {
        loader.close();
    }
}
