package org.plenum.pluginhost.lifecycle;

import org.plenum.api.Plugin;

/**
 * A plugin loaded by a {@link CodeLoader}, not started. After {@link #unload()} the handle pins
 * neither the plugin nor its class loader.
 */
public interface LoadedCode {

    /** The plugin's SPI instance. @throws IllegalStateException after {@link #unload()} */
    Plugin plugin();

    /** Set as the context class loader around every call into the plugin. @throws IllegalStateException after {@link #unload()} */
    ClassLoader classLoader();

    /** How it was loaded, lower case ({@code osgi}, {@code pf4j}): stored in the registry and shown to admins. */
    String kind();

    /** Frees everything the loader holds for the plugin; call after {@link Plugin#stop()}. Idempotent, never throws. */
    void unload();
}
