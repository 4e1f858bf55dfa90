package org.plenum.server.plugins;

import org.plenum.core.config.Settings;
import org.plenum.pluginhost.lifecycle.CodeLoader;

/** The plugin loader the server runs with. */
public final class PluginLoaders {

    private PluginLoaders() {
    }

    /** The loaders built into this server. */
    public static CodeLoader fromSettings(Settings settings) {
        return CodeLoader.none();
    }
}
