package org.plenum.pluginhost.load;

import java.nio.file.Path;
import java.util.jar.Manifest;

/**
 * One way of loading plugin jars: OSGi bundles ({@link OsgiPluginSource}) or PF4J plugins
 * ({@link Pf4jPluginSource}). {@link PluginLoader} picks the source by the jar's manifest and checks
 * the descriptor; a source only loads, finds the {@link org.plenum.api.Plugin} instance and unloads.
 *
 * <p>Sources are thread-safe; loads and unloads run one at a time per source.
 */
public interface PluginSource extends AutoCloseable {

    /** The kind of plugin this source loads. */
    LoaderKind kind();

    /** Whether a jar with this manifest is for this source: {@code Bundle-SymbolicName} for OSGi, {@code Plugin-Id} for PF4J. */
    boolean accepts(Manifest manifest);

    /**
     * Loads the jar and returns its plugin, not started. The caller has checked the jar's signature;
     * the source does not read the jar again after loading it (it works from its own copy).
     *
     * @throws PluginLoadException saying what is wrong and what to do; nothing of the jar stays loaded
     */
    LoadedPlugin load(Path jar) throws PluginLoadException;

    /** Unloads every plugin still loaded and releases the source (stops the framework). Idempotent. */
    @Override
    void close();
}
