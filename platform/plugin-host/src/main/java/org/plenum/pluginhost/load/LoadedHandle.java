package org.plenum.pluginhost.load;

import java.nio.file.Path;
import org.plenum.api.Plugin;

/**
 * What both loaders' handles share: the jar, the plugin and its class loader, all dropped at unload so
 * that a handle kept by a registry pins nothing of the plugin.
 */
abstract class LoadedHandle implements LoadedPlugin {

    private final Path jar;
    private final LoaderKind kind;
    private volatile Plugin plugin;
    private volatile ClassLoader classLoader;

    LoadedHandle(Path jar, LoaderKind kind, Plugin plugin, ClassLoader classLoader) {
        this.jar = jar;
        this.kind = kind;
        this.plugin = plugin;
        this.classLoader = classLoader;
    }

    @Override
    public Plugin plugin() {
        Plugin p = plugin;
        if (p == null) {
            throw new IllegalStateException(jar.getFileName() + " has been unloaded");
        }
        return p;
    }

    @Override
    public ClassLoader classLoader() {
        ClassLoader l = classLoader;
        if (l == null) {
            throw new IllegalStateException(jar.getFileName() + " has been unloaded");
        }
        return l;
    }

    @Override
    public LoaderKind kind() {
        return kind;
    }

    @Override
    public Path jar() {
        return jar;
    }

    @Override
    public boolean unloaded() {
        return plugin == null;
    }

    /** Drops the plugin and its class loader. */
    void forgetPlugin() {
        plugin = null;
        classLoader = null;
    }
}
