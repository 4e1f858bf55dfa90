package org.plenum.pluginhost.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.plenum.api.PlenumApi;
import org.plenum.api.Plugin;
import org.plenum.api.PluginDependency;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.PluginId;
import org.plenum.api.event.CoreEvent;
import org.plenum.api.json.JsonObject;
import org.plenum.core.PlatformCore;
import org.plenum.core.config.Settings;
import org.plenum.core.error.Problem;
import org.plenum.core.plugin.ActivePlugin;
import org.plenum.core.plugin.PluginFaults;
import org.plenum.core.plugin.RoomModuleProvider;
import org.plenum.core.pluginstorage.PluginDatabase;
import org.plenum.core.storage.Jdbc;
import org.plenum.pluginhost.breaker.CircuitBreaker;
import org.plenum.pluginhost.breaker.CircuitBreaker.FailureKind;
import org.plenum.pluginhost.context.EventHub;
import org.plenum.pluginhost.context.HostPluginContext;
import org.plenum.pluginhost.context.LiveRooms;
import org.plenum.pluginhost.context.PluginExecutor;
import org.plenum.pluginhost.context.ServiceHub;
import org.plenum.pluginhost.context.TaskScheduler;
import org.plenum.pluginhost.context.TenantSettings;
import org.plenum.pluginhost.http.PluginHttpDispatcher;
import org.plenum.pluginhost.http.PluginRoutes;
import org.plenum.pluginhost.registry.InstalledPlugin;
import org.plenum.pluginhost.registry.PluginState;
import org.plenum.pluginhost.registry.RegistryStore;
import org.plenum.pluginhost.tenancy.Tenancy;
import org.plenum.pluginhost.trust.TrustPolicy;
import org.plenum.pluginhost.ui.UiAssets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin host: the one registry the core talks to. It installs, updates, enables, disables and
 * removes plugins while the server runs, keeps their state and the tenants' choices in PostgreSQL,
 * starts the plugins that were running when the server starts again, gives every started plugin its
 * {@link HostPluginContext}, and tells the rooms which plugins belong in which room
 * ({@link #activeFor}).
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Every jar is checked before any of its code is loaded: signature against the trust store
 *       (on install, update and every start), SHA-256 against the registry (on every start).</li>
 *   <li>Dependencies start first and stop last; a plugin whose dependency stops waits in
 *       {@link PluginState#RESOLVED} and starts again with it.</li>
 *   <li>Lifecycle operations run one at a time. {@link #activeFor} and the HTTP dispatch read
 *       immutable snapshots and never wait for them.</li>
 *   <li>After every change the host calls its change listeners (the signaling core), after the
 *       plugin left {@link #activeFor} and before it is stopped, or after it started.</li>
 *   <li>Failures reported by rooms ({@link PluginFaults}), HTTP handlers and event handlers count
 *       toward a circuit breaker that disables the plugin as {@link PluginState#FAILED} with a reason.</li>
 * </ul>
 */
public final class PluginHost implements RoomModuleProvider, PluginFaults, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long a stopped plugin's leftover threads get to end after they were interrupted. */
    static final Duration LEAKED_THREAD_GRACE = Duration.ofSeconds(2);

    /** A started plugin version. */
    private record Running(InstalledPlugin row, PluginDescriptor descriptor, LoadedCode code, HostPluginContext context,
                           PluginDatabase storage, long generation) {
    }

    private final PlatformCore core;
    private final PluginHostConfig config;
    private final TrustPolicy trust;
    private final CodeLoader loader;
    private final RegistryStore store;
    private final MeterRegistry metrics;
    private final CircuitBreaker breaker;
    private final TaskScheduler scheduler = new TaskScheduler();
    private final EventHub events;
    private final ServiceHub services = new ServiceHub();
    private final HostPluginContext.Shared shared;
    private final PluginHttpDispatcher http;
    private final UiAssets ui;
    private final ReentrantLock lifecycle = new ReentrantLock(true);
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("plugin-host-", 0).factory());
    private final Map<PluginId, Running> running = new ConcurrentHashMap<>();
    private final Map<PluginId, PluginDescriptor> descriptors = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong generations = new AtomicLong();
    private final AtomicReference<LiveRooms> liveRooms = new AtomicReference<>(LiveRooms.NONE);
    /** Why each plugin last stopped, as rooms say it ({@link #stopReason}): failed, updated or disabled. */
    private final Map<PluginId, String> stopReasons = new ConcurrentHashMap<>();
    /** The plugin being updated now (its old version and its dependents stop, and come back); lifecycle lock held. */
    private volatile PluginId updating;
    private volatile Map<PluginId, InstalledPlugin> installed = Map.of();
    private volatile Tenancy tenancy = Tenancy.EMPTY;
    private volatile boolean closed;

    private PluginHost(PlatformCore core, PluginHostConfig config, TrustPolicy trust, CodeLoader loader, MeterRegistry metrics) {
        this.core = core;
        this.config = config;
        this.trust = trust;
        this.loader = loader;
        this.store = new RegistryStore(new Jdbc(core.database.dataSource()));
        this.metrics = metrics;
        this.breaker = new CircuitBreaker(config.breakerFailures(), config.breakerWindow(), core.clock);
        this.events = new EventHub((plugin, tenant) -> running.containsKey(plugin) && tenancy.usableBy(plugin, tenant),
                (plugin, failure) -> reportFailure(plugin, FailureKind.THREW, "event handler", failure));
        this.shared = new HostPluginContext.Shared(core.clock, scheduler, events, services, core.rooms, liveRooms::get, running::containsKey);
        this.http = new PluginHttpDispatcher(new PluginHttpDispatcher.Targets() {
            @Override
            public Optional<PluginHttpDispatcher.Target> find(PluginId id) {
                Running r = running.get(id);
                return r == null ? Optional.empty()
                        : Optional.of(new PluginHttpDispatcher.Target(r.context().routes(), r.code().classLoader()));
            }

            @Override
            public boolean usableBy(PluginId id, UUID tenantId) {
                return tenancy.usableBy(id, tenantId);
            }

            @Override
            public void failed(PluginId id, FailureKind kind, String where, Throwable cause) {
                reportFailure(id, kind, where, cause);
            }
        }, config.httpTimeout(), metrics);
        this.ui = new UiAssets();
        for (PluginState s : PluginState.values()) {
            Gauge.builder("plenum.plugins", () -> installed.values().stream().filter(p -> p.state() == s).count())
                    .description("installed plugins by state").tag("state", s.wireName()).register(metrics);
        }
    }

    /**
     * Creates the host, its plugin directory, and starts every plugin that was running (or waiting for
     * a dependency) when the server stopped. A plugin that cannot start is marked failed; the server
     * starts anyway.
     */
    public static PluginHost start(PlatformCore core, Settings settings, MeterRegistry metrics, CodeLoader loader) {
        PluginHostConfig config = PluginHostConfig.from(settings);
        TrustPolicy trust = TrustPolicy.load(config.trustStore(), config.trustStorePassword(), config.trustStoreType(), config.allowUnsigned());
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw new org.plenum.core.config.ConfigurationException("cannot create the plugin directory " + config.directory()
                    + " (plugins.dir): " + e.getMessage());
        }
        PluginHost host = new PluginHost(core, config, trust, loader, metrics);
        host.startInstalled();
        return host;
    }

    public PluginHostConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ what the core uses

    /**
     * The plugins whose room modules belong in the room now: running, with a room module factory,
     * available to and enabled by the room's tenant, and not switched off in the room; in start
     * order (dependencies first). Reads memory only; safe on a room's thread.
     */
    @Override
    public List<ActivePlugin> activeFor(UUID tenantId, String roomId) {
        Tenancy t = tenancy;
        List<ActivePlugin> out = new ArrayList<>();
        for (Running r : running.values()) {
            PluginId id = r.descriptor().id();
            if (!t.usableIn(id, tenantId, roomId)) {
                continue;
            }
            r.context().roomModuleFactory().ifPresent(f ->
                    out.add(new ActivePlugin(id, r.descriptor().version(), r.generation(), f, r.code().classLoader(), this,
                            r.context().events(), r.context()::settings)));
        }
        out.sort(Comparator.comparingLong(ActivePlugin::generation));
        return out;
    }

    /** Called after every change of what {@link #activeFor} answers (the signaling core re-reads it). */
    public void onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * {@code failed} after the circuit breaker (or a leaked thread) stopped it, {@code updated} while it and its
     * dependents are stopped for an update (rooms may look before the new version runs), else {@code disabled}.
     */
    @Override
    public String stopReason(PluginId plugin) {
        return stopReasons.getOrDefault(plugin, "disabled");
    }

    /** The signaling core's view of live rooms, for {@code PluginContext.rooms()}. */
    public void useLiveRooms(LiveRooms rooms) {
        liveRooms.set(Objects.requireNonNull(rooms, "rooms"));
    }

    /** Publishes a core event to the plugins enabled for its tenant. */
    public void publish(CoreEvent event) {
        events.publishCore(event);
    }

    /** The host's event bus (the rooms subscribe room modules through it). */
    public EventHub events() {
        return events;
    }

    /** The host's service registry (the core exports its services there). */
    public ServiceHub services() {
        return services;
    }

    /** Plugin HTTP routes, for the server's catch-all resource. */
    public PluginHttpDispatcher http() {
        return http;
    }

    /**
     * A failure seen by a room: counted per plugin and kind, and when the breaker trips the plugin is
     * disabled (off the calling thread, which is a room's).
     */
    @Override
    public void failed(PluginId plugin, String roomId, Kind kind, String where, Throwable cause) {
        reportFailure(plugin, switch (kind) {
            case THREW -> FailureKind.THREW;
            case TIMED_OUT -> FailureKind.TIMED_OUT;
            case FLOODED -> FailureKind.FLOODED;
        }, where, cause);
    }

    private void reportFailure(PluginId plugin, FailureKind kind, String where, Throwable cause) {
        Counter.builder("plenum.plugin.failures").description("failures of plugin code, by plugin and kind")
                .tag("plugin", plugin.value()).tag("kind", kind.wireName()).register(metrics).increment();
        log.atWarn().setMessage("plugin failure").addKeyValue("plugin", plugin).addKeyValue("kind", kind.wireName())
                .addKeyValue("where", where).addKeyValue("error", cause == null ? "-" : cause.toString()).log();
        if (kind == FailureKind.LEAKED_THREAD) {
            return;
        }
        Optional<String> trip = breaker.record(plugin, kind, where);
        if (trip.isPresent() && !closed) {
            background.execute(() -> trip(plugin, trip.get()));
        }
    }

    private void trip(PluginId plugin, String why) {
        lifecycle.lock();
        try {
            if (closed || !running.containsKey(plugin)) {
                return;
            }
            String reason = "disabled by the circuit breaker: " + why;
            log.atError().setMessage("plugin disabled by the circuit breaker").addKeyValue("plugin", plugin).addKeyValue("reason", why).log();
            stopWithDependents(plugin, PluginState.FAILED, reason);
            refresh();
        } catch (RuntimeException e) {
            log.atError().setMessage("could not disable a failing plugin").addKeyValue("plugin", plugin).setCause(e).log();
        } finally {
            lifecycle.unlock();
        }
        fireChange();
    }

    // ------------------------------------------------------------------ reading

    public List<PluginInfo> list() {
        Tenancy t = tenancy;
        return installed.values().stream().sorted(Comparator.comparing(InstalledPlugin::id)).map(p -> info(p, t)).toList();
    }

    public Optional<PluginInfo> find(PluginId id) {
        InstalledPlugin p = installed.get(id);
        return p == null ? Optional.empty() : Optional.of(info(p, tenancy));
    }

    private PluginInfo info(InstalledPlugin p, Tenancy t) {
        Running r = running.get(p.id());
        return new PluginInfo(p, Optional.ofNullable(descriptors.get(p.id())), r == null ? 0 : r.generation(),
                r == null ? List.of() : r.context().routes().describe(), t.grantsOf(p.id()));
    }

    /** The tenancy rules as they stand now. */
    public Tenancy tenancy() {
        return tenancy;
    }

    /** Whether the plugin runs now. */
    public boolean isRunning(PluginId id) {
        return running.containsKey(id);
    }

    /** A file of a running plugin's UI, from its jar's asset directory. */
    public Optional<UiAssets.Asset> uiAsset(PluginId id, String path) {
        Running r = running.get(id);
        if (r == null || r.descriptor().ui().isEmpty()) {
            return Optional.empty();
        }
        return ui.read(config.directory().resolve(r.row().jarFile()), r.descriptor().ui().get(), path);
    }

    /** The settings of a tenant for a running plugin (defaults applied). */
    public JsonObject settings(PluginId id, UUID tenantId) {
        Running r = running.get(id);
        if (r == null) {
            throw Problem.conflict("plugin " + id + " is not running");
        }
        return r.context().tenantSettings().get(tenantId);
    }

    /** Validates and stores a tenant's settings of a running plugin. */
    public JsonObject putSettings(PluginId id, UUID tenantId, JsonObject settings) {
        Running r = running.get(id);
        if (r == null) {
            throw Problem.conflict("plugin " + id + " is not running; its settings can be changed while it runs");
        }
        return r.context().tenantSettings().put(tenantId, settings);
    }

    // ------------------------------------------------------------------ lifecycle operations

    /**
     * Installs and starts the plugin in {@code upload} (a temporary file the caller deletes
     * afterwards): signature, loading, API range, uniqueness and dependencies are checked, the jar is
     * kept as {@code <plugins.dir>/<id>-<version>.jar}, and the plugin starts.
     *
     * @param owner a municipality for a private plugin, or empty for the state's catalogue
     * @param by    the user who installs it
     * @throws Problem saying why the plugin was refused; nothing stays installed then
     */
    public PluginInfo install(Path upload, Optional<UUID> owner, Optional<UUID> by) {
        checkOpen();
        TrustPolicy.Admission admission = trust.admit(upload, "the plugin jar");
        String sha = JarFiles.sha256(upload);
        owner.ifPresent(o -> core.tenants.find(o).orElseThrow(() -> Problem.notFound("tenant " + o + " does not exist")));
        lifecycle.lock();
        PluginId id;
        try {
            LoadedCode code = load(upload, "the plugin jar");
            PluginDescriptor d;
            Path jar;
            try {
                d = descriptorOf(code);
                id = d.id();
                if (installed.containsKey(id)) {
                    InstalledPlugin existing = installed.get(id);
                    boolean visible = existing.ownerTenant().isEmpty() || existing.ownerTenant().equals(owner);
                    throw Problem.conflict(visible
                            ? "plugin " + id + " is installed already (version " + existing.version() + "); "
                            + (existing.version().equals(d.version()) ? "this is the same version" : "use update to install version " + d.version())
                            : "the plugin id '" + id + "' is taken; give the plugin another id");
                }
                checkCompatible(d);
                checkDependencies(d, owner, id);
                jar = config.directory().resolve(jarName(d));
                Files.copy(upload, jar, StandardCopyOption.REPLACE_EXISTING);
            } catch (RuntimeException | IOException e) {
                unload(code);
                throw asProblem(e);
            }
            InstalledPlugin row = new InstalledPlugin(id, d.version(), code.kind(), PluginState.INSTALLED, Optional.empty(), owner,
                    jar.getFileName().toString(), sha, admission.signers(), Instant.now(), by, Instant.now());
            store.insert(row);
            try {
                startLoaded(row, d, code);
            } catch (RuntimeException e) {
                store.delete(id, false);
                deleteQuietly(jar);
                descriptors.remove(id);
                refresh();
                throw e;
            }
            store.setState(id, PluginState.ACTIVE, null);
            refresh();
            log.atInfo().setMessage("plugin installed").addKeyValue("plugin", id).addKeyValue("version", d.version())
                    .addKeyValue("loader", code.kind()).addKeyValue("private", owner.isPresent()).addKeyValue("unsigned", admission.unsigned()).log();
        } finally {
            lifecycle.unlock();
        }
        fireChange();
        return find(id).orElseThrow();
    }

    /**
     * Replaces a plugin by another version of it. The old version (and the running plugins that
     * depend on it) stop first, because a loader holds one version of a plugin at a time; then the new
     * version is loaded, checked and started, and the dependents start again. Running dependents must
     * accept the new version. If anything about the new version is refused, the old version and its
     * dependents start again and the update is refused with the reason.
     */
    public PluginInfo update(PluginId id, Path upload, Optional<UUID> by) {
        checkOpen();
        TrustPolicy.Admission admission = trust.admit(upload, "the plugin jar");
        String sha = JarFiles.sha256(upload);
        lifecycle.lock();
        try {
            InstalledPlugin current = require(id);
            boolean wasRunning = running.containsKey(id);
            updating = id;
            List<PluginId> stopped;
            try {
                stopped = wasRunning ? stopWithDependents(id, null, null) : new ArrayList<>(List.of(id));
            } finally {
                updating = null;
            }
            LoadedCode code = null;
            PluginDescriptor d;
            Path newJar = null;
            try {
                code = load(upload, "the plugin jar");
                d = descriptorOf(code);
                if (!d.id().equals(id)) {
                    throw Problem.invalid("the jar holds plugin " + d.id() + ", not " + id + "; install it as a plugin of its own");
                }
                if (d.version().equals(current.version())) {
                    throw Problem.conflict("plugin " + id + " " + d.version() + " is installed already; an update needs another version");
                }
                checkCompatible(d);
                checkDependencies(d, current.ownerTenant(), id);
                for (PluginId dep : stopped.subList(1, stopped.size())) {
                    PluginDescriptor theirs = descriptors.get(dep);
                    Optional<PluginDependency> wanted = theirs == null ? Optional.empty()
                            : theirs.dependencies().stream().filter(x -> x.id().equals(id)).findFirst();
                    if (wanted.isPresent() && !wanted.get().accepts(d.version())) {
                        throw Problem.conflict("plugin " + dep + " needs " + id + " " + wanted.get().versions() + ", so " + id + " "
                                + d.version() + " would stop it; update " + dep + " first or uninstall it");
                    }
                }
                newJar = config.directory().resolve(jarName(d));
                Files.copy(upload, newJar, StandardCopyOption.REPLACE_EXISTING);
                InstalledPlugin updated = new InstalledPlugin(id, d.version(), code.kind(), current.state(), current.reason(),
                        current.ownerTenant(), newJar.getFileName().toString(), sha, admission.signers(), Instant.now(), by, Instant.now());
                if (!wasRunning && current.state() == PluginState.DISABLED) {
                    unload(code);
                } else {
                    LoadedCode starting = code;
                    code = null;
                    startLoaded(updated, d, starting);
                    store.setState(id, PluginState.ACTIVE, null);
                }
                store.replaceVersion(id, d.version(), updated.loader(), updated.jarFile(), sha, admission.signers(), by.orElse(null));
            } catch (RuntimeException | IOException e) {
                if (code != null) {
                    unload(code);
                }
                if (newJar != null && !newJar.getFileName().toString().equals(current.jarFile())) {
                    deleteQuietly(newJar);
                }
                descriptors.remove(id);
                String rollback = wasRunning ? restart(stopped, current)
                        : "version " + current.version() + " stays installed (" + current.state().wireName() + ")";
                refresh();
                Problem p = asProblem(e);
                throw new Problem(p.kind(), "the update of " + id + " was refused: " + p.detail() + "; " + rollback);
            }
            replaceJarFile(current, newJar);
            stopped.remove(id);
            restart(stopped, null);
            breaker.reset(id);
            refresh();
            log.atInfo().setMessage("plugin updated").addKeyValue("plugin", id).addKeyValue("from", current.version())
                    .addKeyValue("to", d.version()).log();
        } finally {
            lifecycle.unlock();
        }
        fireChange();
        return find(id).orElseThrow();
    }

    /** Starts a disabled or failed plugin (and dependents that waited for it). */
    public PluginInfo enable(PluginId id) {
        checkOpen();
        lifecycle.lock();
        try {
            InstalledPlugin p = require(id);
            if (running.containsKey(id)) {
                return find(id).orElseThrow();
            }
            breaker.reset(id);
            try {
                startFromJar(p);
            } catch (WaitingForDependency w) {
                store.setState(id, PluginState.RESOLVED, w.getMessage());
                refresh();
                throw Problem.conflict("plugin " + id + " " + w.getMessage() + "; enable that plugin first");
            } catch (RuntimeException e) {
                store.setState(id, PluginState.FAILED, e.getMessage());
                refresh();
                throw Problem.conflict("plugin " + id + " could not be started: " + e.getMessage());
            }
            startWaiting();
            refresh();
            log.atInfo().setMessage("plugin enabled").addKeyValue("plugin", id).log();
        } finally {
            lifecycle.unlock();
        }
        fireChange();
        return find(id).orElseThrow();
    }

    /** Stops a plugin until it is enabled again; plugins that depend on it wait. */
    public PluginInfo disable(PluginId id) {
        checkOpen();
        lifecycle.lock();
        try {
            InstalledPlugin p = require(id);
            if (running.containsKey(id)) {
                stopWithDependents(id, PluginState.DISABLED, "disabled by an administrator");
            } else {
                store.setState(id, PluginState.DISABLED, "disabled by an administrator");
            }
            refresh();
            log.atInfo().setMessage("plugin disabled").addKeyValue("plugin", p.id()).log();
        } finally {
            lifecycle.unlock();
        }
        fireChange();
        return find(id).orElseThrow();
    }

    /**
     * Stops and removes a plugin and its jar. Its database schema and settings stay unless
     * {@code purge}, which drops them for good.
     */
    public void uninstall(PluginId id, boolean purge) {
        checkOpen();
        lifecycle.lock();
        try {
            require(id);
            List<PluginId> dependents = installed.values().stream()
                    .filter(o -> !o.id().equals(id) && descriptors.containsKey(o.id()) && descriptors.get(o.id()).dependsOn(id))
                    .map(InstalledPlugin::id).sorted().toList();
            if (!dependents.isEmpty()) {
                throw Problem.conflict("plugins " + dependents + " depend on " + id + "; uninstall them first");
            }
            InstalledPlugin p = installed.get(id);
            if (running.containsKey(id)) {
                stopPlugin(id, null, null);
            }
            store.delete(id, purge);
            deleteQuietly(config.directory().resolve(p.jarFile()));
            descriptors.remove(id);
            breaker.reset(id);
            if (purge) {
                core.pluginStorage.dropSchema(id);
            }
            refresh();
            log.atInfo().setMessage("plugin uninstalled").addKeyValue("plugin", id).addKeyValue("purged", purge).log();
        } finally {
            lifecycle.unlock();
        }
        fireChange();
    }

    // ------------------------------------------------------------------ tenancy

    /** The state's decision: whether a municipality may use a plugin of the state's catalogue. */
    public void setAvailable(PluginId id, UUID tenantId, boolean available) {
        checkOpen();
        lifecycle.lock();
        try {
            InstalledPlugin p = require(id);
            if (p.isPrivate()) {
                throw Problem.conflict("plugin " + id + " is a private plugin of one municipality; it cannot be made available to others");
            }
            core.tenants.find(tenantId).orElseThrow(() -> Problem.notFound("tenant " + tenantId + " does not exist"));
            store.setAvailable(id, tenantId, available);
            refresh();
        } finally {
            lifecycle.unlock();
        }
        fireChange();
    }

    /** The municipality's decision: whether it uses a plugin available to it. */
    public void setEnabled(PluginId id, UUID tenantId, boolean enabled) {
        checkOpen();
        lifecycle.lock();
        try {
            requireVisible(id, tenantId);
            if (enabled && !tenancy.availableTo(id, tenantId)) {
                throw Problem.conflict("plugin " + id + " is not available to this municipality; the state's administrators decide that");
            }
            store.setEnabled(id, tenantId, enabled);
            refresh();
        } finally {
            lifecycle.unlock();
        }
        fireChange();
    }

    /** Switches a plugin off (or on again) in one room of a tenant that uses it. */
    public void setRoomEnabled(PluginId id, UUID tenantId, String roomId, boolean enabled) {
        checkOpen();
        lifecycle.lock();
        try {
            requireVisible(id, tenantId);
            store.setRoom(id, roomId, enabled);
            refresh();
        } finally {
            lifecycle.unlock();
        }
        fireChange();
    }

    /** The plugin, if the tenant may know it exists. @throws Problem 404 otherwise */
    public InstalledPlugin requireVisible(PluginId id, UUID tenantId) {
        InstalledPlugin p = installed.get(id);
        if (p == null || !tenancy.visibleTo(id, tenantId)) {
            throw Problem.notFound("plugin " + id + " does not exist or is not available to this municipality");
        }
        return p;
    }

    // ------------------------------------------------------------------ internals

    private InstalledPlugin require(PluginId id) {
        InstalledPlugin p = installed.get(id);
        if (p == null) {
            throw Problem.notFound("plugin " + id + " is not installed");
        }
        return p;
    }

    private void checkOpen() {
        if (closed) {
            throw new Problem(Problem.Kind.UNAVAILABLE, "the plugin host is shutting down");
        }
    }

    /** Reloads the snapshots from the database. Called with the lifecycle lock held. */
    private void refresh() {
        List<InstalledPlugin> all = store.all();
        Map<PluginId, InstalledPlugin> m = new LinkedHashMap<>();
        all.forEach(p -> m.put(p.id(), p));
        installed = Map.copyOf(m);
        tenancy = Tenancy.of(all, store.grants(), store.roomSwitches());
    }

    private void fireChange() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.atError().setMessage("plugin change listener failed").setCause(e).log();
            }
        }
    }

    private LoadedCode load(Path jar, String what) {
        try {
            return loader.load(jar);
        } catch (CodeLoadException e) {
            throw Problem.invalid(what + " is refused: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            throw Problem.invalid(what + " could not be loaded: " + e);
        }
    }

    private static PluginDescriptor descriptorOf(LoadedCode code) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(code.classLoader());
        try {
            PluginDescriptor d = code.plugin().descriptor();
            if (d == null) {
                throw Problem.invalid("the plugin's descriptor() returned null");
            }
            return d;
        } catch (Problem p) {
            throw p;
        } catch (RuntimeException | LinkageError e) {
            throw Problem.invalid("the plugin's descriptor() failed: " + e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static void checkCompatible(PluginDescriptor d) {
        if (!d.requires().contains(PlenumApi.VERSION)) {
            throw Problem.invalid("plugin " + d.id() + " " + d.version() + " requires Plenum API " + d.requires() + ", but this server provides "
                    + PlenumApi.VERSION + "; install a version of the plugin built for Plenum API " + PlenumApi.VERSION.major() + ".x");
        }
    }

    /** Every dependency must be installed, visible to the plugin's owner, running, and in range. */
    private void checkDependencies(PluginDescriptor d, Optional<UUID> owner, PluginId self) {
        for (PluginDependency dep : d.dependencies()) {
            InstalledPlugin other = installed.get(dep.id());
            boolean visible = other != null && (other.ownerTenant().isEmpty() || other.ownerTenant().equals(owner));
            if (!visible) {
                throw Problem.invalid("plugin " + self + " needs plugin " + dep.id() + " " + dep.versions() + ", which is not installed; "
                        + "install it first");
            }
            if (!dep.accepts(other.version())) {
                throw Problem.invalid("plugin " + self + " needs plugin " + dep.id() + " " + dep.versions() + ", but version "
                        + other.version() + " is installed; install a matching version of " + dep.id() + " first");
            }
            if (!running.containsKey(dep.id())) {
                throw Problem.invalid("plugin " + self + " needs plugin " + dep.id() + ", which is installed but not running ("
                        + other.state().wireName() + "); enable it first");
            }
        }
    }

    private void checkDependenciesRunning(PluginDescriptor d) {
        for (PluginDependency dep : d.dependencies()) {
            Running r = running.get(dep.id());
            if (r == null) {
                throw new WaitingForDependency("waits for plugin " + dep.id() + " " + dep.versions() + ", which is not running");
            }
            if (!dep.accepts(r.descriptor().version())) {
                throw new WaitingForDependency("needs plugin " + dep.id() + " " + dep.versions() + ", but " + r.descriptor().version()
                        + " is running");
            }
        }
    }

    /** A dependency is missing: the plugin waits in RESOLVED. */
    private static final class WaitingForDependency extends RuntimeException {
        WaitingForDependency(String message) {
            super(message, null, false, false);
        }
    }

    /** Loads a plugin from its stored jar (checking hash and signature again) and starts it. */
    private void startFromJar(InstalledPlugin p) {
        Path jar = config.directory().resolve(p.jarFile());
        if (!Files.isRegularFile(jar)) {
            throw Problem.invalid("its jar " + jar + " is missing; install the plugin again");
        }
        if (!JarFiles.sha256(jar).equals(p.sha256())) {
            throw Problem.invalid("its jar " + jar + " was changed on disk since it was installed; install the plugin again");
        }
        trust.admit(jar, "the stored jar " + p.jarFile());
        LoadedCode code = load(jar, "the stored jar " + p.jarFile());
        PluginDescriptor d;
        try {
            d = descriptorOf(code);
            if (!d.id().equals(p.id()) || !d.version().equals(p.version())) {
                throw Problem.invalid("the stored jar holds " + d.id() + " " + d.version() + ", not " + p.id() + " " + p.version());
            }
            checkCompatible(d);
            checkDependenciesRunning(d);
        } catch (RuntimeException e) {
            unload(code);
            throw e;
        }
        startLoaded(p, d, code);
        store.setState(p.id(), PluginState.ACTIVE, null);
    }

    /** Starts a loaded plugin: storage, context, {@code Plugin.start} within the time limit. Unloads it on failure. */
    private void startLoaded(InstalledPlugin row, PluginDescriptor d, LoadedCode code) {
        PluginId id = d.id();
        descriptors.put(id, d);
        PluginDatabase storage = null;
        HostPluginContext context = null;
        try {
            if (d.migrations().isPresent()) {
                try {
                    storage = core.pluginStorage.open(id, d.migrations().get(), code.classLoader(),
                            config.directory().resolve(row.jarFile()));
                } catch (RuntimeException e) {
                    throw Problem.invalid("the database migrations of plugin " + id + " failed: " + e.getMessage());
                }
            }
            ClassLoader cl = code.classLoader();
            PluginExecutor executor = new PluginExecutor(id, cl, config.executorThreads(), config.executorQueue(),
                    failure -> reportFailure(id, FailureKind.THREW, "task", failure));
            AtomicReference<Boolean> started = new AtomicReference<>(false);
            context = new HostPluginContext(d, shared, executor, new TenantSettings(d, store), () -> core.audit.forPlugin(id), storage,
                    () -> {
                        if (started.get()) {
                            fireChange();
                        }
                    });
            HostPluginContext ctx = context;
            Throwable failure = callWithin(config.startTimeout(), cl, () -> code.plugin().start(ctx));
            if (failure != null) {
                throw Problem.invalid("plugin " + id + " refused to start: " + describe(failure));
            }
            long generation = generations.incrementAndGet();
            running.put(id, new Running(row, d, code, context, storage, generation));
            started.set(true);
            Gauge.builder("plenum.plugin.up", running, m -> m.containsKey(id) ? 1 : 0).description("1 while the plugin runs")
                    .tag("plugin", id.value()).register(metrics);
            log.atInfo().setMessage("plugin started").addKeyValue("plugin", id).addKeyValue("version", d.version())
                    .addKeyValue("generation", generation).log();
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            if (storage != null) {
                storage.close();
            }
            unload(code);
            throw e;
        }
    }

    /** Runs plugin code with its class loader and a time limit; returns what it threw, or null. */
    private static Throwable callWithin(Duration limit, ClassLoader cl, ThrowingRunnable body) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofVirtual().name("plugin-lifecycle").unstarted(() -> {
            Thread.currentThread().setContextClassLoader(cl);
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            } finally {
                Thread.currentThread().setContextClassLoader(null);
            }
        });
        t.start();
        try {
            if (!t.join(limit)) {
                t.interrupt();
                return new java.util.concurrent.TimeoutException("it did not finish within " + limit.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
        return thrown.get();
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** What admins see of a failure: the exception's message (as {@code Plugin.start} promises), or its type when it has none. */
    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.toString() : m;
    }

    /**
     * Stops a plugin and, first, the running plugins that depend on it (they go to RESOLVED, waiting).
     * With {@code state} null the rows keep their state (an update in progress).
     *
     * @return the stopped plugins in start order (dependencies first), the plugin itself included
     */
    private List<PluginId> stopWithDependents(PluginId id, PluginState state, String reason) {
        List<PluginId> order = new ArrayList<>();
        collectDependents(id, order);
        List<PluginId> stopped = new ArrayList<>();
        for (PluginId dep : order) {
            if (running.containsKey(dep)) {
                stopPlugin(dep, state == null ? null : PluginState.RESOLVED, state == null ? null : "waits for plugin " + id + " ("
                        + state.wireName() + ")");
                stopped.add(0, dep);
            }
        }
        if (running.containsKey(id)) {
            stopPlugin(id, state, reason);
        } else if (state != null) {
            store.setState(id, state, reason);
        }
        stopped.add(0, id);
        return stopped;
    }

    /** Running plugins that depend on {@code id}, directly or not, dependents of dependents first. */
    private void collectDependents(PluginId id, List<PluginId> into) {
        for (PluginId dep : runningDependentsOf(id)) {
            if (!into.contains(dep)) {
                collectDependents(dep, into);
                into.add(dep);
            }
        }
    }

    private List<PluginId> runningDependentsOf(PluginId id) {
        return running.values().stream().filter(r -> r.descriptor().dependsOn(id)).map(r -> r.descriptor().id())
                .sorted().toList();
    }

    /** Stops one running plugin: out of {@link #activeFor}, rooms told, {@code stop()}, context withdrawn, storage closed, unloaded. */
    private void stopPlugin(PluginId id, PluginState state, String reason) {
        Running r = running.remove(id);
        if (state != null) {
            store.setState(id, state, reason);
        }
        if (r == null) {
            return;
        }
        stopReasons.put(id, state == PluginState.FAILED ? "failed" : state == null && updating != null ? "updated" : "disabled");
        fireChange();
        Throwable failure = callWithin(STOP_TIMEOUT, r.code().classLoader(), () -> r.code().plugin().stop());
        if (failure != null) {
            log.atWarn().setMessage("plugin stop failed").addKeyValue("plugin", id).addKeyValue("error", failure.toString()).log();
        }
        r.context().close();
        List<String> stuck = stopLeakedThreads(id, r.code().classLoader());
        if (!stuck.isEmpty() && state != null) {
            // the admin's (or the breaker's) decision stands, but the plugin is not cleanly gone: failed, with why
            store.setState(id, PluginState.FAILED, (reason == null ? state.wireName() : reason) + "; " + stuckReason(stuck));
        }
        if (r.storage() != null) {
            r.storage().close();
        }
        unload(r.code());
        metrics.find("plenum.plugin.up").tag("plugin", id.value()).meters().forEach(metrics::remove);
        log.atInfo().setMessage("plugin stopped").addKeyValue("plugin", id).addKeyValue("generation", r.generation())
                .addKeyValue("state", state == null ? "-" : state.wireName()).log();
    }

    /**
     * Thread-leak policy: platform threads the plugin left running ({@link LeakedThreads}) are interrupted and
     * given {@link #LEAKED_THREAD_GRACE} to end; each is reported as {@code leaked_thread}. A thread that ends
     * lets the class loader go as usual. The names of those still running are returned: they keep the plugin's
     * classes in memory until they end or the server restarts.
     */
    private List<String> stopLeakedThreads(PluginId id, ClassLoader loader) {
        List<Thread> leaked = LeakedThreads.of(loader);
        if (leaked.isEmpty()) {
            return List.of();
        }
        List<Thread> alive = LeakedThreads.interruptAndAwait(leaked, LEAKED_THREAD_GRACE);
        List<String> stuck = new ArrayList<>();
        for (Thread t : leaked) {
            boolean ended = !alive.contains(t);
            reportFailure(id, FailureKind.LEAKED_THREAD, "thread '" + t.getName() + "' " + (ended ? "ended when interrupted" : "still runs"), null);
            if (!ended) {
                stuck.add(t.getName());
                log.atError().setMessage("plugin thread did not end; the plugin's classes stay in memory").addKeyValue("plugin", id)
                        .addKeyValue("thread", t.getName()).addKeyValue("graceMillis", LEAKED_THREAD_GRACE.toMillis()).log();
            }
        }
        return stuck;
    }

    private static String stuckReason(List<String> threads) {
        return "it left " + (threads.size() == 1 ? "thread '" + threads.get(0) + "'" : "threads " + threads) + " running, which did not end within "
                + LEAKED_THREAD_GRACE.toSeconds() + " s of an interrupt; its classes stay in memory until that ends or the server restarts";
    }

    /** Starts the given plugins again from their jars; the first may be replaced by {@code rollback}. Returns what happened, for messages. */
    private String restart(List<PluginId> ids, InstalledPlugin rollback) {
        List<String> notes = new ArrayList<>();
        for (PluginId id : ids) {
            InstalledPlugin p = rollback != null && rollback.id().equals(id) ? rollback : installed.get(id);
            if (p == null) {
                continue;
            }
            try {
                startFromJar(p);
                if (p == rollback) {
                    notes.add("version " + p.version() + " runs again");
                }
            } catch (WaitingForDependency w) {
                store.setState(id, PluginState.RESOLVED, w.getMessage());
                notes.add(id + " " + w.getMessage());
            } catch (RuntimeException e) {
                store.setState(id, PluginState.FAILED, e.getMessage());
                notes.add(id + " failed to start again: " + e.getMessage());
            }
        }
        return notes.isEmpty() ? "nothing was running before" : String.join("; ", notes);
    }

    /** Starts RESOLVED plugins whose dependencies are running now, until nothing changes. */
    private void startWaiting() {
        boolean progress = true;
        while (progress) {
            progress = false;
            refresh();
            for (InstalledPlugin p : installed.values()) {
                if (p.state() == PluginState.RESOLVED && !running.containsKey(p.id())) {
                    try {
                        startFromJar(p);
                        progress = true;
                    } catch (WaitingForDependency w) {
                        store.setState(p.id(), PluginState.RESOLVED, w.getMessage());
                    } catch (RuntimeException e) {
                        store.setState(p.id(), PluginState.FAILED, e.getMessage());
                    }
                }
            }
        }
    }

    /** At server start: every plugin that was running or waiting, dependencies first. */
    private void startInstalled() {
        lifecycle.lock();
        try {
            refresh();
            List<InstalledPlugin> wanted = installed.values().stream().filter(p -> p.state().wantsToRun()).toList();
            Map<PluginId, InstalledPlugin> pending = new java.util.TreeMap<>();
            wanted.forEach(p -> pending.put(p.id(), p));
            boolean progress = true;
            Map<PluginId, String> waiting = new HashMap<>();
            while (progress && !pending.isEmpty()) {
                progress = false;
                for (InstalledPlugin p : List.copyOf(pending.values())) {
                    try {
                        startFromJar(p);
                        pending.remove(p.id());
                        progress = true;
                    } catch (WaitingForDependency w) {
                        waiting.put(p.id(), w.getMessage());
                    } catch (RuntimeException e) {
                        pending.remove(p.id());
                        progress = true;
                        store.setState(p.id(), PluginState.FAILED, "could not be started when the server started: " + e.getMessage());
                        log.atError().setMessage("plugin could not be started").addKeyValue("plugin", p.id())
                                .addKeyValue("reason", e.getMessage()).log();
                    }
                }
            }
            for (PluginId id : pending.keySet()) {
                store.setState(id, PluginState.RESOLVED, waiting.getOrDefault(id, "waits for a dependency"));
            }
            refresh();
            log.atInfo().setMessage("plugin host started").addKeyValue("installed", installed.size()).addKeyValue("running", running.size())
                    .addKeyValue("dir", config.directory()).log();
        } finally {
            lifecycle.unlock();
        }
        fireChange();
    }

    private void replaceJarFile(InstalledPlugin old, Path newJar) {
        Path oldJar = config.directory().resolve(old.jarFile());
        if (!oldJar.equals(newJar)) {
            deleteQuietly(oldJar);
        }
    }

    private static String jarName(PluginDescriptor d) {
        String version = d.version().toString().replaceAll("[^A-Za-z0-9.-]", "_");
        return d.id().value() + "-" + version + ".jar";
    }

    private static void unload(LoadedCode code) {
        try {
            code.unload();
        } catch (RuntimeException e) {
            log.atWarn().setMessage("plugin unload failed").addKeyValue("error", e.toString()).log();
        }
    }

    private static Problem asProblem(Exception e) {
        if (e instanceof Problem p) {
            return p;
        }
        if (e instanceof IOException io) {
            return new Problem(Problem.Kind.UNAVAILABLE, "the plugin jar could not be stored: " + io.getMessage());
        }
        return Problem.invalid(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.atWarn().setMessage("could not delete a plugin jar").addKeyValue("file", file).addKeyValue("error", e.getMessage()).log();
        }
    }

    /** Plugins running now, in start order: for tests and metrics. */
    public List<PluginId> runningPlugins() {
        return running.values().stream().sorted(Comparator.comparingLong(Running::generation)).map(r -> r.descriptor().id()).toList();
    }

    /** The running plugin's class loader, for diagnostics and tests (do not keep it). */
    public Optional<ClassLoader> classLoaderOf(PluginId id) {
        return Optional.ofNullable(running.get(id)).map(r -> r.code().classLoader());
    }

    /** The running plugin's context, for tests. */
    public Optional<HostPluginContext> contextOf(PluginId id) {
        return Optional.ofNullable(running.get(id)).map(Running::context);
    }

    /** Stops every plugin (dependents first) without changing their stored state, so they start again with the server. */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<Running> order = running.values().stream().sorted(Comparator.comparingLong(Running::generation).reversed()).toList();
            for (Running r : order) {
                stopPlugin(r.descriptor().id(), null, null);
            }
        } finally {
            lifecycle.unlock();
        }
        background.shutdownNow();
        scheduler.close();
        http.close();
        loader.close();
    }

    /** Files in the plugin directory that belong to no installed plugin (left by a crash), for operators. */
    public Set<String> strayJars() throws IOException {
        Set<String> known = new java.util.HashSet<>();
        installed.values().forEach(p -> known.add(p.jarFile()));
        try (var files = Files.list(config.directory())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar") && !known.contains(n))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
