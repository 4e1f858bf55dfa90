package org.plenum.pluginhost.load;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.DependencyResolver;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.plenum.api.PlenumApi;
import org.plenum.api.Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads plugins that are PF4J plugin jars: a plain jar whose manifest has {@code Plugin-Id},
 * {@code Plugin-Version} and optionally {@code Plugin-Requires} (a PF4J version expression such as
 * {@code >=1.0.0 & <2.0.0}, checked against the plugin API's version) and
 * {@code Plugin-Dependencies} (other PF4J plugins whose classes it uses, loaded first).
 *
 * <p>A {@code Plugin-Class} header is refused: it would run PF4J's lifecycle beside ours and hand the
 * plugin PF4J's plugin manager.
 *
 * <p>The plugin's {@link Plugin} is the one class in the jar that implements it and carries PF4J's
 * {@code @Extension}. {@code Plugin} is no {@code org.pf4j.ExtensionPoint}, so the jar is compiled
 * with PF4J's annotation processor and {@code -Apf4j.ignoreExtensionPoint}:
 * {@snippet :
 * @Extension
 * public final class WasteCalendarPlugin implements Plugin {
 *     // descriptor(), start(context), stop()
 * }
 * }
 *
 * <p><b>What a plugin sees.</b> Each plugin gets its own class loader that looks in the JDK, then
 * at the server's {@code org.plenum.api.*} and {@code org.pf4j.*} classes, then in the plugin's jar,
 * then in its {@code Plugin-Dependencies}; nothing else of the server is visible. This is the same
 * view an OSGi bundle has, and it keeps a plugin from binding to the server's libraries or from
 * bringing a second copy of the API.
 *
 * <p>The source copies each jar into {@code <workDir>/pf4j} before loading it (the copy is what the
 * class loader keeps open) and deletes the copy when the plugin is unloaded.
 */
public final class Pf4jPluginSource implements PluginSource {

    private static final Logger log = LoggerFactory.getLogger(Pf4jPluginSource.class);

    private final Path pluginDir;
    private final HostPluginManager manager;
    private final Set<Loaded> loaded = new LinkedHashSet<>();
    private long copies;
    private boolean closed;

    /**
     * Creates the PF4J plugin manager over {@code workDir/pf4j}, which is emptied first.
     *
     * @throws PluginLoadException if the directory cannot be prepared
     */
    public Pf4jPluginSource(Path workDir) throws PluginLoadException {
        this.pluginDir = workDir.resolve("pf4j").toAbsolutePath();
        try {
            deleteTree(pluginDir);
            Files.createDirectories(pluginDir);
        } catch (IOException e) {
            throw new PluginLoadException("PF4J plugins cannot be loaded: cannot prepare " + pluginDir + " (" + e
                    + "); check that the directory is writable", e);
        }
        this.manager = new HostPluginManager(pluginDir);
        manager.setSystemVersion(PlenumApi.VERSION.toString());
        log.info("event=pf4j_ready dir={}", pluginDir);
    }

    @Override
    public LoaderKind kind() {
        return LoaderKind.PF4J;
    }

    @Override
    public boolean accepts(Manifest manifest) {
        return isPf4jPlugin(manifest);
    }

    /** Whether the manifest is a PF4J plugin's: it has a {@code Plugin-Id}. */
    static boolean isPf4jPlugin(Manifest manifest) {
        return manifest.getMainAttributes().getValue(ManifestPluginDescriptorFinder.PLUGIN_ID) != null;
    }

    @Override
    public synchronized LoadedPlugin load(Path jar) throws PluginLoadException {
        if (closed) {
            throw new IllegalStateException("the PF4J plugin source is closed");
        }
        String name = jar.getFileName().toString();
        Path copy = pluginDir.resolve((++copies) + "-" + name);
        try {
            Files.copy(jar, copy);
        } catch (IOException e) {
            throw new PluginLoadException(name + ": cannot copy the jar into " + pluginDir + ": " + e, e);
        }
        try {
            return loadCopy(jar, copy);
        } catch (PluginLoadException | RuntimeException | Error e) {
            forget(copy);
            throw e;
        }
    }

    private LoadedPlugin loadCopy(Path jar, Path copy) throws PluginLoadException {
        String name = jar.getFileName().toString();
        PluginDescriptor descriptor;
        try {
            descriptor = manager.describe(copy);
        } catch (PluginRuntimeException e) {
            throw new PluginLoadException(name + ": its PF4J manifest cannot be read: " + e.getMessage(), e);
        }
        String id = descriptor.getPluginId();
        if (id == null || id.isBlank()) {
            throw new PluginLoadException(name + ": its manifest's Plugin-Id is empty; set it to the plugin's id");
        }
        if (descriptor.getVersion() == null || descriptor.getVersion().isBlank()) {
            throw new PluginLoadException(name + ": its manifest has no Plugin-Version; add the plugin's version, for example 1.0.0");
        }
        String pf4jPluginClass = descriptor.getPluginClass();
        if (pf4jPluginClass != null && !pf4jPluginClass.isBlank() && !pf4jPluginClass.equals(org.pf4j.Plugin.class.getName())) {
            throw new PluginLoadException(name + ": its manifest names a Plugin-Class (" + pf4jPluginClass + "), which Plenum does not "
                    + "run: the plugin's lifecycle is org.plenum.api.Plugin's start and stop; remove the Plugin-Class header");
        }
        PluginWrapper existing = manager.getPlugin(id);
        if (existing != null) {
            throw new PluginLoadException(name + ": a PF4J plugin with id " + id + " is loaded already (version "
                    + existing.getDescriptor().getVersion() + "); unload it first");
        }
        checkRequires(name, descriptor.getRequires());
        try {
            manager.loadPlugin(copy);
        } catch (DependencyResolver.DependenciesNotFoundException e) {
            throw new PluginLoadException(name + ": its Plugin-Dependencies name " + e.getDependencies()
                    + ", which are not loaded; load them first", e);
        } catch (DependencyResolver.DependenciesWrongVersionException e) {
            String wrong = e.getDependencies().stream()
                    .map(w -> w.getDependentId() + " needs " + w.getDependencyId() + " " + w.getRequiredVersion() + " but "
                            + w.getExistingVersion() + " is loaded")
                    .collect(Collectors.joining("; "));
            throw new PluginLoadException(name + ": its Plugin-Dependencies do not match what is loaded: " + wrong, e);
        } catch (DependencyResolver.CyclicDependencyException e) {
            throw new PluginLoadException(name + ": its Plugin-Dependencies form a cycle with loaded plugins", e);
        } catch (PluginRuntimeException | IllegalArgumentException e) {
            throw new PluginLoadException(name + ": PF4J cannot load it: " + e.getMessage(), e);
        }
        PluginState state = manager.startPlugin(id);
        if (state != PluginState.STARTED) {
            PluginWrapper wrapper = manager.getPlugin(id);
            Throwable failure = wrapper == null ? null : wrapper.getFailedException();
            throw new PluginLoadException(name + ": PF4J did not start it (state " + state + ")"
                    + (failure == null ? "" : ": " + failure), failure);
        }
        ClassLoader classLoader = manager.getPluginClassLoader(id);
        Class<? extends Plugin> pluginClass = pluginClass(name, id, classLoader);
        Plugin plugin = instantiate(name, pluginClass, classLoader);
        Loaded result = new Loaded(jar, copy, id, plugin, classLoader);
        loaded.add(result);
        log.debug("event=pf4j_plugin_loaded jar={} plugin_id={} version={}", name, id, descriptor.getVersion());
        return result;
    }

    /** Applies PF4J's own rule to Plugin-Requires up front, so that a refusal names both versions and nothing gets loaded. */
    private void checkRequires(String name, String requires) throws PluginLoadException {
        String expression = requires == null ? "" : requires.strip();
        if (expression.isEmpty() || expression.equals("*")) {
            return;
        }
        if (!manager.isExactVersionAllowed() && expression.matches("^\\d+\\.\\d+\\.\\d+$")) {
            expression = ">=" + expression;
        }
        boolean accepted;
        try {
            accepted = manager.getVersionManager().checkVersionConstraint(manager.getSystemVersion(), expression);
        } catch (RuntimeException e) {
            throw new PluginLoadException(name + ": its Plugin-Requires '" + requires + "' is no PF4J version expression ("
                    + e.getMessage() + "); write for example >=1.0.0 & <2.0.0", e);
        }
        if (!accepted) {
            throw new PluginLoadException(name + ": its Plugin-Requires '" + requires + "' does not accept Plenum API "
                    + PlenumApi.VERSION + ", which this server provides; build the plugin against Plenum API "
                    + PlenumApi.VERSION.major() + ".x, or install it on a server with a matching API");
        }
    }

    private Class<? extends Plugin> pluginClass(String name, String id, ClassLoader classLoader) throws PluginLoadException {
        Set<String> extensions = new TreeSet<>(manager.getExtensionClassNames(id));
        List<Class<? extends Plugin>> plugins = new ArrayList<>();
        for (String className : extensions) {
            Class<?> c;
            try {
                c = Class.forName(className, false, classLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new PluginLoadException(name + ": the extension class " + className
                        + " listed in META-INF/extensions.idx cannot be loaded: " + e, e);
            }
            if (Plugin.class.isAssignableFrom(c)) {
                plugins.add(c.asSubclass(Plugin.class));
            }
        }
        if (plugins.isEmpty()) {
            throw new PluginLoadException(name + ": it has no @Extension class that implements org.plenum.api.Plugin"
                    + (extensions.isEmpty() ? " (META-INF/extensions.idx is missing or empty)" : " (its extensions: " + extensions + ")")
                    + "; annotate the plugin class with @org.pf4j.Extension and compile it with PF4J's annotation processor"
                    + " and -Apf4j.ignoreExtensionPoint");
        }
        if (plugins.size() > 1) {
            throw new PluginLoadException(name + ": it has " + plugins.size() + " @Extension classes that implement "
                    + "org.plenum.api.Plugin (" + plugins.stream().map(Class::getName).collect(Collectors.joining(", "))
                    + "); a plugin jar has exactly one");
        }
        return plugins.getFirst();
    }

    private static Plugin instantiate(String name, Class<? extends Plugin> c, ClassLoader classLoader) throws PluginLoadException {
        if (Modifier.isAbstract(c.getModifiers())) {
            throw new PluginLoadException(name + ": its plugin class " + c.getName() + " is abstract");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            Constructor<? extends Plugin> constructor = c.getConstructor();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new PluginLoadException(name + ": its plugin class " + c.getName() + " needs a public constructor without parameters", e);
        } catch (InvocationTargetException e) {
            throw new PluginLoadException(name + ": creating its plugin class " + c.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new PluginLoadException(name + ": its plugin class " + c.getName() + " cannot be created: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private synchronized void unload(Loaded plugin) {
        if (!loaded.remove(plugin)) {
            return;
        }
        plugin.release();
        try {
            List<String> dependents = manager.dependents(plugin.id);
            if (!dependents.isEmpty()) {
                log.warn("event=plugin_unloaded_before_dependents plugin_id={} dependents={}", plugin.id, dependents);
            }
        } catch (RuntimeException e) {
            // only a warning was at stake
        }
        forget(plugin.copy);
        log.debug("event=pf4j_plugin_unloaded jar={} plugin_id={}", plugin.jar().getFileName(), plugin.id);
    }

    /** Unloads whatever PF4J holds for {@code copy} (stopped, unloaded, class loader closed) and deletes it. */
    private void forget(Path copy) {
        for (PluginWrapper w : new ArrayList<>(manager.getPlugins())) {
            if (w.getPluginPath().equals(copy)) {
                try {
                    manager.discard(w.getPluginId());
                } catch (RuntimeException e) {
                    log.warn("event=pf4j_unload_failed plugin_id={} problem=\"{}\"", w.getPluginId(), e.toString());
                }
            }
        }
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            log.warn("event=pf4j_copy_not_deleted file={} problem=\"{}\"", copy, e.toString());
        }
    }

    /** The plugins PF4J holds and the files in the plugin directory (for tests). */
    synchronized List<String> leftovers() throws IOException {
        List<String> left = new ArrayList<>();
        for (PluginWrapper w : manager.getPlugins()) {
            left.add("plugin " + w.getPluginId() + " (" + w.getPluginState() + ")");
        }
        try (Stream<Path> files = Files.list(pluginDir)) {
            files.forEach(f -> left.add("file " + f.getFileName()));
        }
        return left;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Loaded plugin : new ArrayList<>(loaded)) {
            plugin.release();
            forget(plugin.copy);
        }
        loaded.clear();
        try {
            deleteTree(pluginDir);
        } catch (IOException e) {
            log.warn("event=pf4j_dir_not_deleted dir={} problem=\"{}\"", pluginDir, e.toString());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A loaded PF4J plugin; the plugin and its class loader are dropped at unload so that a kept handle pins nothing. */
    private final class Loaded extends LoadedHandle {

        private final Path copy;
        private final String id;

        Loaded(Path jar, Path copy, String id, Plugin plugin, ClassLoader classLoader) {
            super(jar, LoaderKind.PF4J, plugin, classLoader);
            this.copy = copy;
            this.id = id;
        }

        @Override
        public void unload() {
            Pf4jPluginSource.this.unload(this);
        }

        void release() {
            forgetPlugin();
        }

        @Override
        public String toString() {
            return "PF4J plugin " + id + " from " + jar().getFileName() + (unloaded() ? " (unloaded)" : "");
        }
    }
}
