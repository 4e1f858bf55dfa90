package org.plenum.server.plugins;

import org.plenum.core.config.Settings;
import org.plenum.pluginhost.lifecycle.CodeLoader;
import org.plenum.pluginhost.lifecycle.PluginHostConfig;
import org.plenum.pluginhost.load.LoaderBridge;

/** The plugin loader the server runs with. */
public final class PluginLoaders {

    private PluginLoaders() {
    }

    /** OSGi bundles (embedded Felix) and PF4J plugins, with their working files in {@code <data.dir>/plugin-host}. */
    public static CodeLoader fromSettings(Settings settings) {
        return LoaderBridge.inDirectory(PluginHostConfig.from(settings).workDirectory());
    }
}
