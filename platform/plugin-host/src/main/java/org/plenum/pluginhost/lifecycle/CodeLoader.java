package org.plenum.pluginhost.lifecycle;

import java.nio.file.Path;

/**
 * Turns an accepted plugin jar into a {@link LoadedCode}: the host's only view of how plugins are
 * loaded (embedded Felix for OSGi bundles, PF4J for plain jars). The host has checked the jar's
 * signature before; the loader checks that the jar is a plugin and that its descriptor agrees with
 * its manifest.
 */
public interface CodeLoader extends AutoCloseable {

    /**
     * Loads the plugin in {@code jar}, not started.
     *
     * @throws CodeLoadException with a message an administrator can act on; nothing stays loaded
     */
    LoadedCode load(Path jar) throws CodeLoadException;

    /** Unloads whatever is still loaded. */
    @Override
    void close();

    /** A loader that refuses every jar, for a core without plugins. */
    static CodeLoader none() {
        return new CodeLoader() {
            @Override
            public LoadedCode load(Path jar) throws CodeLoadException {
                throw new CodeLoadException(jar.getFileName() + ": this server has no plugin loader (OSGi/PF4J) built in");
            }

            @Override
            public void close() {
            }
        };
    }
}
