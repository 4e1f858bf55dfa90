package org.plenum.sdk.tester;

import java.time.Clock;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.sql.DataSource;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.ScheduledTask;
import org.plenum.api.audit.AuditLog;
import org.plenum.api.event.EventBus;
import org.plenum.api.http.Caller;
import org.plenum.api.http.CallerRole;
import org.plenum.api.http.HttpRoutes;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RoomDirectory;
import org.plenum.api.room.RoomInfo;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomModuleFactory;
import org.plenum.api.service.ServiceRegistry;
import org.plenum.api.storage.PluginStorage;

/** The plugin's context in the tester. */
final class TesterPluginContext implements PluginContext {

    private final PluginDescriptor descriptor;
    private final RoomLoop loop;
    private final RoomState room;
    private final CapturingLogger logger;
    private final JsonObject settings;
    private final TesterEvents events;
    private final TesterServices services;
    private final InMemoryAuditLog audit;
    private final TesterRoutes routes;
    private final DataSource dataSource;
    private RoomModuleFactory factory;

    TesterPluginContext(PluginDescriptor descriptor, RoomLoop loop, RoomState room, CapturingLogger logger, JsonObject settings,
                        TesterEvents events, TesterServices services, InMemoryAuditLog audit, TesterRoutes routes, DataSource dataSource) {
        this.descriptor = descriptor;
        this.loop = loop;
        this.room = room;
        this.logger = logger;
        this.settings = settings;
        this.events = events;
        this.services = services;
        this.audit = audit;
        this.routes = routes;
        this.dataSource = new GuardedDataSource(dataSource, () -> notOnRoomThread("DataSource.getConnection"));
    }

    RoomModuleFactory factory() {
        return factory;
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
        return room.clock;
    }

    @Override
    public Executor executor() {
        return task -> loop.postBackground("executor task", Objects.requireNonNull(task, "task"));
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay must not be negative: " + delay);
        }
        return loop.schedule(room.clock.instant().plus(delay), null, false, "scheduled task", task);
    }

    @Override
    public ScheduledTask scheduleRepeating(Duration initialDelay, Duration period, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (initialDelay.isNegative() || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the initial delay must not be negative and the period must be positive: "
                    + initialDelay + ", " + period);
        }
        return loop.schedule(room.clock.instant().plus(initialDelay), period, false, "repeating scheduled task", task);
    }

    @Override
    public JsonObject settings(UUID tenantId) {
        return room.tenantId.equals(tenantId) ? settings : JsonObject.of();
    }

    @Override
    public synchronized void roomModules(RoomModuleFactory factory) {
        Objects.requireNonNull(factory, "factory");
        if (this.factory != null) {
            throw new IllegalStateException("plugin " + descriptor.id() + " registered a room module factory already; one per plugin");
        }
        this.factory = factory;
    }

    @Override
    public RoomDirectory rooms() {
        return new Rooms();
    }

    @Override
    public EventBus events() {
        return events.pluginBus();
    }

    @Override
    public ServiceRegistry services() {
        return services;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public PluginStorage storage() {
        if (descriptor.migrations().isEmpty()) {
            throw new IllegalStateException("plugin " + descriptor.id() + " declares no migrations, so it has no schema; add "
                    + ".migrations(new SchemaMigrations(\"db/" + descriptor.id() + "\")) to its descriptor");
        }
        return new PluginStorage() {
            @Override
            public String schemaName() {
                return descriptor.id().schemaName();
            }

            @Override
            public DataSource dataSource() {
                return dataSource;
            }
        };
    }

    @Override
    public HttpRoutes http() {
        return routes;
    }

    void notOnRoomThread(String call) {
        if (loop.where() == RoomLoop.Where.ROOM) {
            throw new IllegalStateException(call + " blocks and must not be called on the room's thread; "
                    + "run it with room.offload(...) and continue in its callback");
        }
    }

    private final class Rooms implements RoomDirectory {

        @Override
        public Optional<RoomInfo> find(String roomId, Caller caller) {
            notOnRoomThread("RoomDirectory.find");
            if (!room.roomId.equals(roomId) || !room.tenantId.equals(caller.tenantId())) {
                return Optional.empty();
            }
            return Optional.of(new RoomInfo(room.roomId, room.tenantId, room.title, room.open, caller.role().atLeast(CallerRole.MODERATOR)));
        }

        @Override
        public Set<String> liveRooms(UUID tenantId) {
            return room.tenantId.equals(tenantId) && room.moduleActive ? Set.of(room.roomId) : Set.of();
        }

        @Override
        public <M extends RoomModule, T> CompletionStage<T> call(String roomId, Class<M> moduleType, Function<? super M, ? extends T> action) {
            CompletableFuture<T> result = new CompletableFuture<>();
            if (!room.roomId.equals(roomId) || !room.moduleActive) {
                result.completeExceptionally(new NoSuchElementException("room " + roomId + " is not live or has no module of plugin "
                        + descriptor.id()));
                return result;
            }
            loop.postRoom("RoomDirectory.call", () -> {
                if (!room.moduleActive) {
                    result.completeExceptionally(new NoSuchElementException("room " + roomId + " closed"));
                } else if (!moduleType.isInstance(room.module)) {
                    result.completeExceptionally(new ClassCastException("the module of room " + roomId + " is a "
                            + room.module.getClass().getName() + ", not a " + moduleType.getName()));
                } else {
                    try {
                        result.complete(action.apply(moduleType.cast(room.module)));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }
            });
            loop.drain(); // from the test or a request: run it now; from inside the loop: it runs when its turn comes
            return result;
        }
    }
}
