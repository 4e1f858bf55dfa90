package org.plenum.pluginhost.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Manifest;
import org.apache.felix.framework.Felix;
import org.apache.felix.framework.util.FelixConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.plenum.api.Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads plugins that are OSGi bundles into an embedded Apache Felix framework.
 *
 * <p>The framework starts once, with its bundle cache under {@code <workDir>/osgi} (emptied at start:
 * the registry, not the cache, remembers what is installed). The system bundle exports every
 * {@code org.plenum.api.*} package at the plugin API's version ({@code 1.0.0}) and the JDK's
 * packages, nothing else of the server; a plugin bundle imports the API, for example with bnd's
 * {@code Import-Package: org.plenum.api.*;version="[1.0,2.0)", *}.
 *
 * <p>A plugin bundle registers exactly one {@link Plugin} service, usually in its
 * {@code BundleActivator}:
 * {@snippet :
 * public void start(BundleContext context) {
 *     context.registerService(Plugin.class, new PollsPlugin(), null);
 * }
 * }
 * {@link #load} installs and starts the bundle and waits (bounded) for that service. Unloading stops
 * and uninstalls the bundle and refreshes the framework's wiring, after which Felix drops the
 * bundle's class loader.
 */
public final class OsgiPluginSource implements PluginSource {

    private static final Logger log = LoggerFactory.getLogger(OsgiPluginSource.class);

    /** How long {@link #load} waits for the bundle's {@link Plugin} service by default. */
    public static final Duration DEFAULT_SERVICE_WAIT = Duration.ofSeconds(5);

    private static final Duration FRAMEWORK_WAIT = Duration.ofSeconds(30);
    private static final String LOCATION_PREFIX = "plenum-plugin:";

    private final Duration serviceWait;
    private final Path storage;
    private final Framework framework;
    private final BundleContext system;
    private final FrameworkWiring wiring;
    private final Set<Loaded> loaded = new LinkedHashSet<>();
    private long installs;
    private boolean closed;

    /** Starts the framework with the default service wait. */
    public OsgiPluginSource(Path workDir) throws PluginLoadException {
        this(workDir, DEFAULT_SERVICE_WAIT);
    }

    /**
     * Starts the framework.
     *
     * @param workDir     the framework keeps its bundle cache in {@code workDir/osgi}
     * @param serviceWait how long to wait for a started bundle's {@link Plugin} service
     * @throws PluginLoadException if the framework does not start
     */
    public OsgiPluginSource(Path workDir, Duration serviceWait) throws PluginLoadException {
        if (serviceWait.isNegative() || serviceWait.isZero()) {
            // ServiceTracker.waitForService(0) would wait forever
            throw new IllegalArgumentException("the service wait must be positive, not " + serviceWait);
        }
        this.serviceWait = serviceWait;
        this.storage = workDir.resolve("osgi").toAbsolutePath();
        String exports;
        try {
            exports = ApiPackages.exportClause();
        } catch (IllegalStateException e) {
            throw new PluginLoadException("OSGi plugins cannot be loaded: " + e.getMessage(), e);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, exports);
        // The server embeds the framework but does not own the JVM: no JVM-wide URL handler factory.
        config.put(FelixConstants.SERVICE_URLHANDLERS_PROP, "false");
        FelixLog felixLog = new FelixLog();
        config.put(FelixConstants.LOG_LOGGER_PROP, felixLog);
        config.put(FelixConstants.LOG_LEVEL_PROP, Integer.toString(felixLog.level()));
        Framework f = new Felix(config);
        try {
            Files.createDirectories(storage);
            f.init();
            f.start();
        } catch (IOException | BundleException | RuntimeException e) {
            stopQuietly(f);
            throw new PluginLoadException("OSGi plugins cannot be loaded: the OSGi framework did not start with its cache in "
                    + storage + " (" + e.getMessage() + "); check that the directory is writable", e);
        }
        this.framework = f;
        this.system = f.getBundleContext();
        this.wiring = f.adapt(FrameworkWiring.class);
        log.info("event=osgi_framework_started storage={} api_packages={}", storage, exports.split(",").length);
    }

    @Override
    public LoaderKind kind() {
        return LoaderKind.OSGI;
    }

    @Override
    public boolean accepts(Manifest manifest) {
        return isBundle(manifest);
    }

    /** Whether the manifest is an OSGi bundle's: it has a {@code Bundle-SymbolicName}. */
    static boolean isBundle(Manifest manifest) {
        return manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) != null;
    }

    @Override
    public synchronized LoadedPlugin load(Path jar) throws PluginLoadException {
        if (closed) {
            throw new IllegalStateException("the OSGi plugin source is closed");
        }
        String name = jar.getFileName().toString();
        // a location of our own per install: a bundle's location must be unique, and the same jar
        // path is loaded again after an update
        String location = LOCATION_PREFIX + (++installs) + ":" + jar.toAbsolutePath().normalize().toUri();
        Bundle bundle;
        try (InputStream in = Files.newInputStream(jar)) {
            bundle = system.installBundle(location, in);
        } catch (IOException e) {
            throw new PluginLoadException(name + ": cannot read the jar: " + e.getMessage(), e);
        } catch (BundleException e) {
            throw new PluginLoadException(name + ": " + installProblem(e), e);
        } catch (RuntimeException e) {
            throw new PluginLoadException(name + ": the OSGi framework refused the bundle: " + e.getMessage(), e);
        }
        try {
            return start(jar, bundle);
        } catch (PluginLoadException | RuntimeException | Error e) {
            discard(bundle);
            throw e;
        }
    }

    private LoadedPlugin start(Path jar, Bundle bundle) throws PluginLoadException {
        String name = jar.getFileName().toString();
        String label = "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion();
        try {
            bundle.start();
        } catch (BundleException e) {
            if (e.getType() == BundleException.RESOLVE_ERROR) {
                List<String> missing = UnresolvedBundle.missingRequirements(bundle, wiring);
                throw new PluginLoadException(name + ": " + label + " cannot be resolved: "
                        + (missing.isEmpty() ? e.getMessage() : String.join("; ", missing)), e);
            }
            String activator = bundle.getHeaders().get(Constants.BUNDLE_ACTIVATOR);
            if (e.getCause() instanceof ClassNotFoundException && activator != null) {
                throw new PluginLoadException(name + ": the Bundle-Activator " + activator.strip() + " of " + label
                        + " cannot be loaded (" + e.getMessage() + "); check that the class is in the bundle", e);
            }
            if (e.getType() == BundleException.ACTIVATOR_ERROR) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new PluginLoadException(name + ": the activator of " + label + " failed: " + cause, e);
            }
            throw new PluginLoadException(name + ": " + label + " did not start: " + e.getMessage(), e);
        }
        ServiceTracker<Plugin, Plugin> tracker = new ServiceTracker<>(system, Plugin.class, new OwnServices(bundle));
        tracker.open();
        boolean handedOver = false;
        try {
            Plugin plugin = tracker.waitForService(Math.max(1, serviceWait.toMillis()));
            if (plugin == null) {
                throw new PluginLoadException(name + ": " + label + " " + noPluginProblem(bundle));
            }
            if (tracker.size() > 1) {
                throw new PluginLoadException(name + ": " + label + " registers " + tracker.size()
                        + " org.plenum.api.Plugin services; a plugin bundle registers exactly one");
            }
            BundleWiring bundleWiring = bundle.adapt(BundleWiring.class);
            ClassLoader classLoader = bundleWiring == null ? null : bundleWiring.getClassLoader();
            if (classLoader == null) {
                throw new PluginLoadException(name + ": " + label + " has no class loader after it started");
            }
            Loaded result = new Loaded(jar, bundle, tracker, plugin, classLoader);
            loaded.add(result);
            handedOver = true;
            log.debug("event=bundle_loaded jar={} bundle={} version={}", name, bundle.getSymbolicName(), bundle.getVersion());
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginLoadException(name + ": interrupted while waiting for the bundle's Plugin service", e);
        } finally {
            if (!handedOver) {
                tracker.close();
            }
        }
    }

    private String installProblem(BundleException e) {
        return switch (e.getType()) {
            case BundleException.DUPLICATE_BUNDLE_ERROR ->
                    "a bundle with the same symbolic name and version is loaded already (" + e.getMessage()
                            + "); unload it first, or give this one another Bundle-Version";
            case BundleException.MANIFEST_ERROR ->
                    "the bundle manifest is invalid: " + e.getMessage() + "; rebuild the bundle (bnd writes a valid manifest)";
            case BundleException.UNSUPPORTED_OPERATION ->
                    "the OSGi framework cannot install this bundle: " + e.getMessage();
            default -> "the OSGi framework refused the bundle: " + e.getMessage();
        };
    }

    private static String noPluginProblem(Bundle bundle) {
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> ref : registered) {
                Object classes = ref.getProperty(Constants.OBJECTCLASS);
                if (classes instanceof String[] names && List.of(names).contains(Plugin.class.getName())) {
                    return "registers an org.plenum.api.Plugin from its own copy of the plugin API; import the org.plenum.api "
                            + "packages instead of embedding them";
                }
            }
        }
        return "registered no org.plenum.api.Plugin service; register one in the bundle's activator: "
                + "context.registerService(Plugin.class, new MyPlugin(), null), and name the activator in Bundle-Activator";
    }

    private synchronized void unload(Loaded plugin) {
        if (!loaded.remove(plugin)) {
            return;
        }
        Bundle bundle = plugin.bundle;
        plugin.release();
        discard(bundle);
        log.debug("event=bundle_unloaded jar={} bundle={} version={}", plugin.jar().getFileName(), bundle.getSymbolicName(),
                bundle.getVersion());
    }

    /** Stops, uninstalls and refreshes, so that Felix drops the bundle's revision and class loader. */
    private void discard(Bundle bundle) {
        if (bundle.getState() == Bundle.UNINSTALLED) {
            refresh(bundle);
            return;
        }
        try {
            bundle.stop();
        } catch (BundleException | RuntimeException e) {
            log.warn("event=bundle_stop_failed bundle={} problem=\"{}\"", bundle.getSymbolicName(), e.toString());
        }
        try {
            bundle.uninstall();
        } catch (BundleException | RuntimeException e) {
            log.warn("event=bundle_uninstall_failed bundle={} problem=\"{}\"", bundle.getSymbolicName(), e.toString());
        }
        refresh(bundle);
    }

    private void refresh(Bundle bundle) {
        CountDownLatch refreshed = new CountDownLatch(1);
        try {
            wiring.refreshBundles(List.of(bundle), event -> {
                if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                    refreshed.countDown();
                }
            });
            if (!refreshed.await(FRAMEWORK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("event=bundle_refresh_slow bundle={} waited_s={}", bundle.getSymbolicName(), FRAMEWORK_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("event=bundle_refresh_failed bundle={} problem=\"{}\"", bundle.getSymbolicName(), e.toString());
        }
    }

    /** The bundles other than the framework itself that are installed or still wait for a refresh (for tests). */
    synchronized List<String> leftovers() {
        List<String> names = new ArrayList<>();
        if (!closed) {
            for (Bundle b : system.getBundles()) {
                if (b.getBundleId() != 0) {
                    names.add("installed " + b.getSymbolicName() + " " + b.getVersion());
                }
            }
            for (Bundle b : wiring.getRemovalPendingBundles()) {
                names.add("removal pending " + b.getSymbolicName() + " " + b.getVersion());
            }
        }
        return names;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Loaded plugin : new ArrayList<>(loaded)) {
            plugin.release();
        }
        loaded.clear();
        stopQuietly(framework);
        log.info("event=osgi_framework_stopped storage={}", storage);
    }

    private static void stopQuietly(Framework f) {
        try {
            f.stop();
            f.waitForStop(FRAMEWORK_WAIT.toMillis());
        } catch (BundleException | RuntimeException e) {
            log.warn("event=osgi_framework_stop_failed problem=\"{}\"", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tracks only the services registered by one bundle. */
    private final class OwnServices implements ServiceTrackerCustomizer<Plugin, Plugin> {

        private final Bundle bundle;

        OwnServices(Bundle bundle) {
            this.bundle = bundle;
        }

        @Override
        public Plugin addingService(ServiceReference<Plugin> reference) {
            return reference.getBundle() == bundle ? system.getService(reference) : null;
        }

        @Override
        public void modifiedService(ServiceReference<Plugin> reference, Plugin service) {
        }

        @Override
        public void removedService(ServiceReference<Plugin> reference, Plugin service) {
            system.ungetService(reference);
        }
    }

    /** A loaded bundle; every field is dropped at unload so that a kept handle pins nothing. */
    private final class Loaded extends LoadedHandle {

        private volatile Bundle bundle;
        private volatile ServiceTracker<Plugin, Plugin> tracker;

        Loaded(Path jar, Bundle bundle, ServiceTracker<Plugin, Plugin> tracker, Plugin plugin, ClassLoader classLoader) {
            super(jar, LoaderKind.OSGI, plugin, classLoader);
            this.bundle = bundle;
            this.tracker = tracker;
        }

        @Override
        public void unload() {
            OsgiPluginSource.this.unload(this);
        }

        /** Closes the tracker (which releases the service) and forgets everything but the jar. */
        void release() {
            ServiceTracker<Plugin, Plugin> t = tracker;
            if (t != null) {
                t.close();
            }
            tracker = null;
            bundle = null;
            forgetPlugin();
        }

        @Override
        public String toString() {
            return "OSGi plugin from " + jar().getFileName() + (unloaded() ? " (unloaded)" : "");
        }
    }

    /** Felix's log lines, into SLF4J. */
    private static final class FelixLog extends org.apache.felix.framework.Logger {

        private static final Logger felix = LoggerFactory.getLogger("org.apache.felix.framework");

        int level() {
            return felix.isDebugEnabled() ? LOG_DEBUG : felix.isInfoEnabled() ? LOG_INFO : felix.isWarnEnabled() ? LOG_WARNING : LOG_ERROR;
        }

        @Override
        protected void doLog(int level, String msg, Throwable throwable) {
            switch (level) {
                case LOG_ERROR -> felix.error(msg, throwable);
                case LOG_WARNING -> felix.warn(msg, throwable);
                case LOG_INFO -> felix.info(msg, throwable);
                default -> felix.debug(msg, throwable);
            }
        }
    }
}
