package org.plenum.pluginhost.load;

import java.nio.file.Path;
import org.plenum.api.Plugin;

/**
 * A plugin loaded from a jar by one of the loaders. {@link #unload()} frees everything the loader
 * holds for it.
 *
 * <p>The {@link #plugin()} is not started: the host calls {@link Plugin#start} with its context, and
 * {@link Plugin#stop} before {@link #unload()}. After {@code unload()} this handle keeps no
 * reference to the plugin, its classes or its class loader, so a registry may keep the handle (for
 * example in a history) without pinning the class loader; {@link #plugin()} and
 * {@link #classLoader()} then throw.
 * {@snippet :
 * LoadedPlugin loaded = loader.load(jar);
 * Plugin plugin = loaded.plugin();
 * Thread t = Thread.currentThread();
 * ClassLoader previous = t.getContextClassLoader();
 * t.setContextClassLoader(loaded.classLoader());
 * try {
 *     plugin.start(context);
 * } finally {
 *     t.setContextClassLoader(previous);
 * }
 * }
 */
public interface LoadedPlugin {

    /**
     * The plugin's SPI instance, not started.
     *
     * @throws IllegalStateException after {@link #unload()}
     */
    Plugin plugin();

    /**
     * The plugin's class loader, to set as the thread context class loader around calls into it.
     *
     * @throws IllegalStateException after {@link #unload()}
     */
    ClassLoader classLoader();

    /** The loader it came through. */
    LoaderKind kind();

    /** The jar it was loaded from (as the caller passed it). */
    Path jar();

    /** Whether {@link #unload()} has been called (or the source was closed). */
    boolean unloaded();

    /**
     * Stops the bundle or PF4J plugin, uninstalls it and drops every reference the loader holds, so
     * that the class loader can be collected once the host has dropped its own references (the
     * plugin instance, its context, room modules, threads). Call {@link Plugin#stop()} first. A
     * plugin other plugins depend on must be unloaded after them. Never throws; problems are logged.
     * Calling it again does nothing.
     */
    void unload();
}
