package org.plenum.pluginhost.context;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.PluginId;
import org.plenum.api.ScheduledTask;
import org.plenum.api.audit.AuditLog;
import org.plenum.api.event.EventBus;
import org.plenum.api.http.HttpRoutes;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RoomDirectory;
import org.plenum.api.room.RoomModuleFactory;
import org.plenum.api.service.ServiceRegistry;
import org.plenum.api.storage.PluginStorage;
import org.plenum.core.room.Rooms;
import org.plenum.pluginhost.http.PluginRoutes;

/**
 * The {@link PluginContext} of one started plugin version. It owns everything the plugin registers
 * (tasks, subscriptions, services, routes, its room module factory) and withdraws all of it in
 * {@link #close()}, after which nothing of the host refers to the plugin's classes.
 */
public final class HostPluginContext implements PluginContext, AutoCloseable {

    /** What the host shares between plugins, handed to every context. */
    public record Shared(Clock clock, TaskScheduler scheduler, EventHub events, ServiceHub services, Rooms rooms,
                         Supplier<LiveRooms> liveRooms, Predicate<PluginId> running) {
    }

    private final PluginDescriptor descriptor;
    private final Shared shared;
    private final PluginExecutor executor;
    private final System.Logger logger;
    private final TenantSettings settings;
    private final Supplier<AuditLog> audit;
    private final PluginStorage storage;
    private final PluginRoutes routes;
    private final EventBus events;
    private final ServiceRegistry services;
    private final RoomDirectory roomDirectory;
    private final Runnable onRoomModules;
    private final Set<ScheduledTask> tasks = ConcurrentHashMap.newKeySet();
    private volatile RoomModuleFactory factory;
    private volatile boolean closed;

    /**
     * @param storage       the plugin's schema, already migrated, or null when it declares no migrations
     * @param onRoomModules called when the plugin registers its room module factory
     */
    public HostPluginContext(PluginDescriptor descriptor, Shared shared, PluginExecutor executor, TenantSettings settings,
                             Supplier<AuditLog> audit, PluginStorage storage, Runnable onRoomModules) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.shared = shared;
        this.executor = executor;
        this.logger = new PluginLogger(descriptor.id());
        this.settings = settings;
        this.audit = audit;
        this.storage = storage;
        this.routes = new PluginRoutes(descriptor.id());
        this.events = shared.events().busFor(descriptor.id(), executor);
        this.services = shared.services().registryFor(descriptor, shared.running());
        this.roomDirectory = new HostRoomDirectory(descriptor.id(), shared.rooms(), shared.liveRooms());
        this.onRoomModules = onRoomModules;
    }

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Clock clock() {
        return shared.clock();
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        return track(shared.scheduler().schedule(executor, Objects.requireNonNull(delay, "delay"), null, Objects.requireNonNull(task, "task")));
    }

    @Override
    public ScheduledTask scheduleRepeating(Duration initialDelay, Duration period, Runnable task) {
        return track(shared.scheduler().schedule(executor, Objects.requireNonNull(initialDelay, "initialDelay"),
                Objects.requireNonNull(period, "period"), Objects.requireNonNull(task, "task")));
    }

    private ScheduledTask track(ScheduledTask t) {
        if (closed) {
            t.cancel();
            throw new IllegalStateException("plugin " + descriptor.id() + " is stopped; it cannot schedule tasks");
        }
        tasks.removeIf(ScheduledTask::isCancelled);
        tasks.add(t);
        return t;
    }

    @Override
    public JsonObject settings(UUID tenantId) {
        return settings.get(Objects.requireNonNull(tenantId, "tenantId"));
    }

    @Override
    public void roomModules(RoomModuleFactory factory) {
        Objects.requireNonNull(factory, "factory");
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("plugin " + descriptor.id() + " is stopped");
            }
            if (this.factory != null) {
                throw new IllegalStateException("plugin " + descriptor.id() + " registered its room module factory already; "
                        + "roomModules(...) may be called once");
            }
            this.factory = factory;
        }
        onRoomModules.run();
    }

    /** The factory the plugin registered, if any. */
    public java.util.Optional<RoomModuleFactory> roomModuleFactory() {
        return java.util.Optional.ofNullable(factory);
    }

    @Override
    public RoomDirectory rooms() {
        return roomDirectory;
    }

    @Override
    public EventBus events() {
        return events;
    }

    @Override
    public ServiceRegistry services() {
        return services;
    }

    @Override
    public AuditLog audit() {
        return audit.get();
    }

    @Override
    public PluginStorage storage() {
        if (storage == null) {
            throw new IllegalStateException("plugin " + descriptor.id() + " declares no database migrations, so it has no storage; "
                    + "add .migrations(new SchemaMigrations(\"db/" + descriptor.id() + "\")) to its descriptor");
        }
        return storage;
    }

    @Override
    public HttpRoutes http() {
        return routes;
    }

    /** The route table the host dispatches to. */
    public PluginRoutes routes() {
        return routes;
    }

    public PluginExecutor pluginExecutor() {
        return executor;
    }

    public TenantSettings tenantSettings() {
        return settings;
    }

    /** Tasks still scheduled, for tests. */
    public int scheduledTasks() {
        tasks.removeIf(ScheduledTask::isCancelled);
        return tasks.size();
    }

    /** Withdraws everything the plugin registered and stops its threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            factory = null;
        }
        tasks.forEach(ScheduledTask::cancel);
        tasks.clear();
        shared.events().withdraw(descriptor.id());
        shared.services().withdraw(descriptor.id());
        routes.close();
        executor.close();
    }

    public boolean isClosed() {
        return closed;
    }
}
