package org.plenum.pluginhost.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.plenum.api.PlenumApi;
import org.plenum.api.Plugin;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.SemVer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a plugin jar through the loader its manifest asks for, and checks that the plugin is what
 * its jar says it is before anyone starts it:
 * <ul>
 *   <li>an OSGi bundle ({@code Bundle-SymbolicName}) goes to {@link OsgiPluginSource}, a PF4J plugin
 *       ({@code Plugin-Id}) to {@link Pf4jPluginSource}; a jar with both or neither is refused;</li>
 *   <li>the descriptor's id and version match the manifest: for a bundle the symbolic name is the id
 *       or ends with {@code .<id>} ({@code org.plenum.plugins.polls} for {@code polls}) and
 *       {@code Bundle-Version} has the descriptor's major.minor.patch (and its pre-release as the
 *       qualifier, if any); for PF4J {@code Plugin-Id} is the id and {@code Plugin-Version} the
 *       version;</li>
 *   <li>the descriptor's {@link PluginDescriptor#requires() requires} contains {@link PlenumApi#VERSION}.</li>
 * </ul>
 * A refused jar is unloaded again before {@link #load} throws; the loader does not log refusals, the
 * caller reports them. The jar's signature must have been checked by the caller.
 * {@snippet :
 * try (PluginLoader loader = new PluginLoader(dataDir.resolve("plugin-host"))) {
 *     LoadedPlugin polls = loader.load(jar);      // throws PluginLoadException with an admin-readable message
 *     polls.plugin().descriptor();
 *     polls.unload();
 * }
 * }
 * Each source is created on first use: a server with only PF4J plugins never starts the OSGi
 * framework. Thread-safe.
 */
public final class PluginLoader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

    private final List<Entry> entries;
    private boolean closed;

    /**
     * Loads OSGi bundles and PF4J plugins, with their working files under {@code workDir}
     * ({@code osgi/}, {@code pf4j/}). The loader owns that directory: it empties the parts it uses
     * when it starts them, so no two loaders may share it.
     */
    public PluginLoader(Path workDir) {
        Objects.requireNonNull(workDir, "workDir");
        this.entries = List.of(
                new Entry(LoaderKind.OSGI, OsgiPluginSource::isBundle, () -> new OsgiPluginSource(workDir)),
                new Entry(LoaderKind.PF4J, Pf4jPluginSource::isPf4jPlugin, () -> new Pf4jPluginSource(workDir)));
    }

    /** Loads through the given sources, which the loader then owns and closes. */
    public PluginLoader(List<PluginSource> sources) {
        List<Entry> list = new ArrayList<>();
        for (PluginSource s : sources) {
            Entry e = new Entry(s.kind(), s::accepts, () -> s);
            e.source = s;
            list.add(e);
        }
        this.entries = List.copyOf(list);
    }

    /**
     * Loads the plugin in {@code jar} and checks it (see the type's description). The plugin is not
     * started.
     *
     * @throws PluginLoadException naming the jar, saying what is wrong and what to do; nothing of
     *                             the jar stays loaded
     */
    public LoadedPlugin load(Path jar) throws PluginLoadException {
        String name = jar.getFileName().toString();
        Manifest manifest = manifest(jar, name);
        List<Entry> matching = entries.stream().filter(e -> e.accepts.test(manifest)).toList();
        if (matching.isEmpty()) {
            throw new PluginLoadException(name + ": this is no plugin: its manifest has neither Bundle-SymbolicName (an OSGi "
                    + "bundle) nor Plugin-Id (a PF4J plugin); build it as one of the two");
        }
        if (matching.size() > 1) {
            throw new PluginLoadException(name + ": its manifest has both Bundle-SymbolicName (OSGi) and Plugin-Id (PF4J), so "
                    + "it is unclear how to load it; keep only the headers of the loader it is built for");
        }
        Entry entry = matching.getFirst();
        LoadedPlugin loaded = source(entry).load(jar);
        try {
            PluginDescriptor descriptor = descriptor(name, loaded);
            check(name, entry.kind, manifest, descriptor);
            log.info("event=plugin_loaded kind={} jar={} plugin_id={} version={}", entry.kind, name, descriptor.id(), descriptor.version());
            return loaded;
        } catch (PluginLoadException | RuntimeException | Error e) {
            loaded.unload();
            throw e;
        }
    }

    private static Manifest manifest(Path jar, String name) throws PluginLoadException {
        if (!Files.isRegularFile(jar)) {
            throw new PluginLoadException(name + ": there is no such file (" + jar.toAbsolutePath() + ")");
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw new PluginLoadException(name + ": the jar has no META-INF/MANIFEST.MF; an OSGi bundle needs "
                        + "Bundle-SymbolicName there, a PF4J plugin Plugin-Id");
            }
            return manifest;
        } catch (IOException | SecurityException e) {
            throw new PluginLoadException(name + ": this is no readable jar: " + e.getMessage(), e);
        }
    }

    private synchronized PluginSource source(Entry entry) throws PluginLoadException {
        if (closed) {
            throw new IllegalStateException("the plugin loader is closed");
        }
        if (entry.source == null) {
            entry.source = entry.factory.create();
        }
        return entry.source;
    }

    /** Calls the plugin's {@code descriptor()} with its class loader as context class loader. */
    private static PluginDescriptor descriptor(String name, LoadedPlugin loaded) throws PluginLoadException {
        Plugin plugin = loaded.plugin();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loaded.classLoader());
        PluginDescriptor descriptor;
        try {
            descriptor = plugin.descriptor();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginLoadException(name + ": its Plugin.descriptor() failed: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (descriptor == null) {
            throw new PluginLoadException(name + ": its Plugin.descriptor() returned null");
        }
        return descriptor;
    }

    static void check(String name, LoaderKind kind, Manifest manifest, PluginDescriptor descriptor) throws PluginLoadException {
        Attributes main = manifest.getMainAttributes();
        switch (kind) {
            case OSGI -> checkBundle(name, main, descriptor);
            case PF4J -> checkPf4j(name, main, descriptor);
        }
        if (!descriptor.requires().contains(PlenumApi.VERSION)) {
            throw new PluginLoadException(name + ": plugin " + descriptor.id() + " " + descriptor.version() + " requires Plenum API "
                    + descriptor.requires() + ", but this server provides Plenum API " + PlenumApi.VERSION
                    + "; install a version of the plugin built for Plenum API " + PlenumApi.VERSION.major() + ".x");
        }
    }

    private static void checkBundle(String name, Attributes main, PluginDescriptor descriptor) throws PluginLoadException {
        String symbolicName = main.getValue(Constants.BUNDLE_SYMBOLICNAME).split(";", 2)[0].strip();
        String id = descriptor.id().value();
        if (!symbolicName.equals(id) && !symbolicName.endsWith("." + id)) {
            throw new PluginLoadException(name + ": its descriptor says plugin id '" + id + "', but its Bundle-SymbolicName is '"
                    + symbolicName + "'; the symbolic name must be the id or end with '." + id + "' (for example org.example." + id + ")");
        }
        String header = main.getValue(Constants.BUNDLE_VERSION);
        Version bundleVersion;
        try {
            bundleVersion = Version.parseVersion(header);
        } catch (IllegalArgumentException e) {
            throw new PluginLoadException(name + ": its Bundle-Version '" + header + "' is no OSGi version", e);
        }
        SemVer v = descriptor.version();
        boolean same = bundleVersion.getMajor() == v.major() && bundleVersion.getMinor() == v.minor() && bundleVersion.getMicro() == v.patch()
                && (v.preRelease().isEmpty() || v.preRelease().equals(bundleVersion.getQualifier()));
        if (!same) {
            throw new PluginLoadException(name + ": its descriptor says version " + v + ", but its Bundle-Version is "
                    + (header == null ? "missing" : header) + "; build both from the same version");
        }
    }

    private static void checkPf4j(String name, Attributes main, PluginDescriptor descriptor) throws PluginLoadException {
        String pluginId = main.getValue(ManifestPluginDescriptorFinder.PLUGIN_ID).strip();
        if (!pluginId.equals(descriptor.id().value())) {
            throw new PluginLoadException(name + ": its descriptor says plugin id '" + descriptor.id() + "', but its manifest's "
                    + "Plugin-Id is '" + pluginId + "'; use the same id in both");
        }
        String header = main.getValue(ManifestPluginDescriptorFinder.PLUGIN_VERSION);
        SemVer manifestVersion;
        try {
            manifestVersion = SemVer.parse(header == null ? "" : header.strip());
        } catch (IllegalArgumentException e) {
            throw new PluginLoadException(name + ": its manifest's Plugin-Version '" + header + "' is no semantic version: "
                    + e.getMessage(), e);
        }
        if (manifestVersion.compareTo(descriptor.version()) != 0) {
            throw new PluginLoadException(name + ": its descriptor says version " + descriptor.version() + ", but its manifest's "
                    + "Plugin-Version is " + manifestVersion + "; build both from the same version");
        }
    }

    /** Closes the sources that were created: every plugin still loaded is unloaded. */
    @Override
    public void close() {
        List<PluginSource> open = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Entry e : entries) {
                if (e.source != null) {
                    open.add(e.source);
                }
            }
        }
        for (PluginSource s : open) {
            s.close();
        }
    }

    @FunctionalInterface
    private interface SourceFactory {
        PluginSource create() throws PluginLoadException;
    }

    private static final class Entry {

        final LoaderKind kind;
        final Predicate<Manifest> accepts;
        final SourceFactory factory;
        PluginSource source;

        Entry(LoaderKind kind, Predicate<Manifest> accepts, SourceFactory factory) {
            this.kind = kind;
            this.accepts = accepts;
            this.factory = factory;
        }
    }
}
