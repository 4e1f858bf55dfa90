package org.plenum.sdk.tester;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.plenum.api.Plugin;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.PluginId;
import org.plenum.api.PlenumApi;
import org.plenum.api.VersionRange;
import org.plenum.api.event.Event;
import org.plenum.api.event.ParticipantJoined;
import org.plenum.api.event.ParticipantLeft;
import org.plenum.api.event.ParticipantRoleChanged;
import org.plenum.api.event.RoomClosed;
import org.plenum.api.event.RoomOpened;
import org.plenum.api.http.Caller;
import org.plenum.api.http.CallerRole;
import org.plenum.api.http.HttpMethod;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RefusalCode;
import org.plenum.api.room.Role;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomModuleFactory;

/**
 * Runs a plugin's room module with simulated participants and captures what it sends — no server,
 * no threads, like Netty's {@code EmbeddedChannel} for a handler pipeline.
 *
 * <p>One tester is one started plugin, one tenant that enabled it and one room. Every simulated
 * event (a join, a message, a role change, time passing) is handed to the module on a simulated
 * room thread and then everything that follows from it runs to completion before the call returns:
 * queued callbacks, timers that fell due, offloaded work, event handlers. So a test reads as a
 * sequence of events and assertions, with no waiting.
 * {@snippet :
 * PluginTester tester = PluginTester.of("hand-counter", HandCounter::new);
 * SimulatedParticipant anna = tester.join("Anna", Role.MODERATOR);
 * SimulatedParticipant ben = tester.join("Ben", Role.PARTICIPANT);
 *
 * ben.send("raise");
 *
 * assertThat(anna.lastReceived().body().getInt("raised")).isEqualTo(1);
 * assertThat(tester.sent()).extracting(SentMessage::type).containsExactly("count");
 * }
 *
 * <h2>What it simulates</h2>
 * <ul>
 *   <li>The room: joins (with the join snapshot taken first, as the host does), leaves, role
 *       changes, lost and resumed connections, messages in the plugin's namespace (refusals become
 *       {@code error} frames to the sender), closing the room, stopping the plugin.</li>
 *   <li>Time: a virtual clock ({@link #advance}) that fires room timers and plugin tasks at their
 *       due times, in order.</li>
 *   <li>Threads: offloaded work and plugin-level event handlers run on a simulated executor right
 *       after the room goes idle, or only when the test says so
 *       ({@link Builder#holdBackgroundWork()}, {@link #runBackgroundWork()}), to look at the state in
 *       between.</li>
 *   <li>The platform: an in-memory event bus, service registry (with the host's dependency rule)
 *       and audit log ({@link InMemoryAuditLog}, a real SHA-256 chain with a real Ed25519 key),
 *       HTTP routes dispatched without a web server, and the plugin's DataSource if the test gives
 *       one.</li>
 * </ul>
 *
 * <h2>Contract checks</h2>
 * The tester fails loudly where the host would misbehave later: {@code RoomContext} used off the
 * room's thread, audit-log or JDBC calls on the room's thread, message types and body sizes the
 * protocol refuses, sending after the room closed, and any exception a module throws that is not a
 * refusal (rethrown from the simulated event that caused it, unless
 * {@link Builder#tolerateFailures()}).
 */
public final class PluginTester {

    private final PluginDescriptor descriptor;
    private final Plugin plugin;
    private final VirtualClock clock;
    private final RoomLoop loop;
    private final RoomState room;
    private final CapturingLogger logger;
    private final TesterEvents events;
    private final TesterServices services;
    private final InMemoryAuditLog audit;
    private final TesterRoutes routes;
    private final TesterPluginContext context;
    private final TesterRoomContext roomContext;
    private final Map<String, SimulatedParticipant> handles = new LinkedHashMap<>();
    private final Map<String, Optional<JsonObject>> snapshots = new LinkedHashMap<>();
    private int participantCounter;
    private boolean stopped;

    private PluginTester(Builder b) {
        this.plugin = b.plugin;
        this.descriptor = b.descriptor != null ? b.descriptor : b.plugin.descriptor();
        this.clock = new VirtualClock(b.start);
        this.logger = new CapturingLogger("plenum.plugin." + descriptor.id(), b.echoLog ? System.out::println : line -> { });
        this.loop = new RoomLoop(clock, !b.holdBackgroundWork, b.tolerateFailures, line -> logger.log(System.Logger.Level.DEBUG, line));
        this.room = new RoomState(b.roomId, b.roomTitle, b.tenantId, clock);
        this.events = new TesterEvents(loop, b.tenantId, b.roomId, () -> room.moduleActive);
        this.services = new TesterServices(descriptor, b.services);
        this.audit = new InMemoryAuditLog(descriptor.id(), clock);
        this.routes = new TesterRoutes(descriptor.id(), loop);
        this.context = new TesterPluginContext(descriptor, loop, room, logger, b.settings, events, services, audit, routes, b.dataSource);
        this.audit.guardBlockingCalls(() -> context.notOnRoomThread("AuditChain"));
        this.roomContext = new TesterRoomContext(descriptor.id(), room, loop, b.settings, events.roomBus());
    }

    // ---- creating one

    /** A tester for a whole plugin: its {@code start} runs with the tester's context. */
    public static Builder forPlugin(Plugin plugin) {
        return new Builder(Objects.requireNonNull(plugin, "plugin"), null);
    }

    /** A tester for a room module factory alone, under the plugin id {@code pluginId}. */
    public static Builder forModule(String pluginId, RoomModuleFactory factory) {
        return new Builder(null, Objects.requireNonNull(factory, "factory")).descriptor(PluginDescriptor.builder(pluginId, "0.0.0")
                .name(pluginId).requires(VersionRange.compatibleWith(PlenumApi.VERSION)).build());
    }

    /** A started tester for a module that every room gets, with defaults for everything else. */
    public static PluginTester of(String pluginId, Function<? super RoomContext, ? extends RoomModule> constructor) {
        return forModule(pluginId, RoomModuleFactory.always(constructor)).start();
    }

    private void startUp(RoomModuleFactory moduleOnly) {
        if (!descriptor.requires().contains(PlenumApi.VERSION)) {
            throw new IllegalStateException("plugin " + descriptor.id() + " requires Plenum API " + descriptor.requires()
                    + ", but this is " + PlenumApi.VERSION + "; the host would refuse to start it");
        }
        if (plugin != null) {
            RuntimeException[] refused = new RuntimeException[1];
            loop.runAs(RoomLoop.Where.HOST, "Plugin.start", () -> {
                try {
                    plugin.start(context);
                } catch (Exception e) {
                    refused[0] = new IllegalStateException("plugin " + descriptor.id() + " refused to start: " + e.getMessage(), e);
                }
            });
            if (refused[0] != null) {
                throw refused[0];
            }
            loop.rethrowPending();
        } else {
            context.roomModules(moduleOnly);
        }
        room.open = true;
        RoomModuleFactory factory = context.factory();
        if (factory != null) {
            loop.postRoom("RoomModuleFactory.create", () -> {
                room.module = factory.create(roomContext).orElse(null);
                room.moduleActive = room.module != null;
                if (room.module == null) {
                    room.endRecordings("plugin_failed"); // declared by a factory that then made no module
                }
            });
        }
        events.publishFromOutside(new RoomOpened(room.tenantId, room.roomId));
        settle();
    }

    // ---- identity

    /** The plugin's descriptor. */
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    /** The tenant whose room this is. */
    public UUID tenantId() {
        return room.tenantId;
    }

    /** The room's id. */
    public String roomId() {
        return room.roomId;
    }

    /** The plugin's context, for tests that call plugin-level code directly. */
    public PluginContext context() {
        return context;
    }

    // ---- the room

    /** A participant with an account joins with {@code role}, in the browser. */
    public SimulatedParticipant join(String displayName, Role role) {
        return join(displayName, role, Participant.ClientKind.BROWSER, true);
    }

    /** A guest without an account joins through an invite. */
    public SimulatedParticipant joinGuest(String displayName) {
        return join(displayName, Role.GUEST, Participant.ClientKind.BROWSER, false);
    }

    /**
     * Someone joins: the host takes the module's join snapshot for them, then calls {@code onJoin}.
     *
     * @param withAccount false for a guest (no user id)
     */
    public SimulatedParticipant join(String displayName, Role role, Participant.ClientKind client, boolean withAccount) {
        checkUsable();
        if (!room.open) {
            throw new IllegalStateException("the room has closed; nobody can join");
        }
        String id = "p" + (++participantCounter);
        Participant p = new Participant(id, withAccount ? Optional.of(userIdFor(id)) : Optional.empty(), displayName, role, client, true);
        SimulatedParticipant handle = new SimulatedParticipant(this, id);
        handles.put(id, handle);
        snapshots.put(id, Optional.empty());
        loop.postRoom("joinSnapshot", () -> {
            room.put(p);
            if (room.moduleActive) {
                snapshots.put(id, Objects.requireNonNull(room.module.joinSnapshot(p), "joinSnapshot must not return null"));
            }
        });
        loop.postRoom("onJoin", () -> {
            if (room.moduleActive) {
                room.module.onJoin(p);
            }
        });
        events.publishFromOutside(new ParticipantJoined(room.tenantId, room.roomId, p));
        settle();
        return handle;
    }

    /** The admitted participants now, in order of arrival. */
    public List<Participant> participants() {
        return List.copyOf(room.participants.values());
    }

    /** The module, if the factory made one for this room (and it is still active). */
    public Optional<RoomModule> module() {
        return room.moduleActive ? Optional.of(room.module) : Optional.empty();
    }

    /**
     * The module as its own type, to look at its state.
     *
     * @throws IllegalStateException if there is none or it is another type
     */
    public <M extends RoomModule> M module(Class<M> type) {
        RoomModule m = module().orElseThrow(() -> new IllegalStateException("the room has no active module of plugin " + descriptor.id()));
        if (!type.isInstance(m)) {
            throw new IllegalStateException("the module is a " + m.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(m);
    }

    /** Whether the room is open (not closed by {@link #closeRoom()}). */
    public boolean roomOpen() {
        return room.open;
    }

    /**
     * The meeting ends for everyone: {@code onRoomClosing}, then timers stop, room subscriptions
     * end, and {@code ParticipantLeft} (reason {@code ROOM_CLOSED}) and {@code RoomClosed} are
     * published.
     */
    public void closeRoom() {
        checkUsable();
        if (!room.open) {
            throw new IllegalStateException("the room is closed already");
        }
        loop.postRoom("onRoomClosing", () -> {
            if (room.moduleActive) {
                room.module.onRoomClosing();
            }
        });
        loop.postRoom("closing the room", () -> {
            room.endRecordings("meeting_ended");
            deactivateModule();
            room.open = false;
            for (Participant p : List.copyOf(room.participants.values())) {
                room.remove(p.id());
                events.publishFromOutside(new ParticipantLeft(room.tenantId, room.roomId, p, LeaveReason.ROOM_CLOSED));
            }
            events.publishFromOutside(new RoomClosed(room.tenantId, room.roomId));
        });
        settle();
    }

    /**
     * The plugin stops (update, disable, shutdown): {@code onPluginStopping} on the room's module,
     * then {@code Plugin.stop}; subscriptions, services, routes and tasks are withdrawn. The tester
     * cannot be used for simulated events afterwards.
     */
    public void stopPlugin() {
        checkUsable();
        loop.postRoom("onPluginStopping", () -> {
            if (room.moduleActive) {
                room.module.onPluginStopping();
            }
        });
        loop.postRoom("removing the module", () -> {
            room.endRecordings("plugin_disabled");
            deactivateModule();
        });
        settle();
        if (plugin != null) {
            loop.runAs(RoomLoop.Where.HOST, "Plugin.stop", plugin::stop);
        }
        loop.cancelTimers(t -> true);
        events.endAllSubscriptions();
        services.withdrawAll();
        routes.clear();
        stopped = true;
        loop.rethrowPending();
    }

    // ---- time and threads

    /** The tester's virtual time. */
    public Instant now() {
        return clock.instant();
    }

    /** The virtual clock, as the plugin sees it. */
    public Clock clock() {
        return clock;
    }

    /** Moves time forward by {@code duration}, firing every timer and scheduled task that falls due, in order. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        loop.advanceTo(clock.instant().plus(duration));
        loop.rethrowPending();
    }

    /** Runs what was posted from outside (for example a future the test completed), and what follows. */
    public void runPendingTasks() {
        settle();
    }

    /** With {@link Builder#holdBackgroundWork()}: runs the held work and what follows; returns how many tasks ran. */
    public int runBackgroundWork() {
        int ran = loop.runBackgroundWork();
        settle();
        return ran;
    }

    /** How many background tasks are waiting (only with {@link Builder#holdBackgroundWork()}). */
    public int pendingBackgroundWork() {
        return loop.pendingBackgroundWork();
    }

    // ---- what the plugin did

    /** Every frame sent in the room so far, in order. */
    public List<SentMessage> sent() {
        return List.copyOf(room.sent);
    }

    /** The frames of one type. */
    public List<SentMessage> sent(String type) {
        return room.sent.stream().filter(m -> m.type().equals(type)).toList();
    }

    /**
     * The last frame sent.
     *
     * @throws IllegalStateException if nothing was sent
     */
    public SentMessage lastSent() {
        if (room.sent.isEmpty()) {
            throw new IllegalStateException("the module has sent nothing");
        }
        return room.sent.getLast();
    }

    /** Forgets the frames captured so far (also for every participant's {@code received()}). */
    public void clearSent() {
        room.sent.clear();
    }

    /**
     * Every recording, transcription or stream the module declared ({@code RoomContext.startRecording}), in
     * order, with how each ended: what the host would have shown everyone in the room.
     */
    public List<DeclaredRecording> recordings() {
        return room.recordings.stream().map(DeclaredRecording.Handle::view).toList();
    }

    /** The declared recordings that are still active: what the room's recording indicator would show now. */
    public List<DeclaredRecording> activeRecordings() {
        return recordings().stream().filter(DeclaredRecording::active).toList();
    }

    /** The events the plugin published, in order. */
    public List<Event> publishedEvents() {
        return events.publishedByPlugin();
    }

    /** The events of one type the plugin published. */
    public <E extends Event> List<E> publishedEvents(Class<E> type) {
        return events.publishedByPlugin().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Publishes an event as the core or another plugin would, and delivers it. */
    public void publish(Event event) {
        checkUsable();
        events.publishFromOutside(event);
        settle();
    }

    /** The lines the plugin logged, as {@code LEVEL message}. */
    public List<String> logLines() {
        return logger.lines();
    }

    /** With {@link Builder#tolerateFailures()}: what the plugin threw, in order. */
    public List<Throwable> failures() {
        return loop.failures();
    }

    /** A service the plugin exported. */
    public <S> Optional<S> exportedService(Class<S> type) {
        return services.exported(type);
    }

    /** The audit log; chains are this plugin's. */
    public InMemoryAuditLog audit() {
        return audit;
    }

    // ---- HTTP

    /** A caller of the tester's tenant, with a user id derived from the name. */
    public Caller caller(String displayName, CallerRole role) {
        return new Caller(userIdFor("caller:" + displayName), room.tenantId, displayName, role);
    }

    /** The plugin's routes, as {@code METHOD /template}. */
    public List<String> routes() {
        return routes.describe();
    }

    /**
     * Calls a route as the host would (below {@code /api/v1/plugins/{id}}), without a web server.
     *
     * @param target the path and query, for example {@code /votes/7?details=true}
     * @param caller the caller, or null for an anonymous request
     * @param body   the JSON body, or null for none
     */
    public HttpResponse request(HttpMethod method, String target, Caller caller, JsonValue body) {
        checkUsable();
        byte[] bytes = body == null ? new byte[0] : body.toJson().getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = body == null ? Map.of() : Map.of("content-type", List.of("application/json"));
        HttpResponse response = routes.dispatch(method, target, Optional.ofNullable(caller), headers, bytes);
        settle();
        return response;
    }

    /** GET as {@code caller}. */
    public HttpResponse get(String target, Caller caller) {
        return request(HttpMethod.GET, target, caller, null);
    }

    /** POST a JSON body as {@code caller}. */
    public HttpResponse post(String target, Caller caller, JsonValue body) {
        return request(HttpMethod.POST, target, caller, body);
    }

    /** DELETE as {@code caller}. */
    public HttpResponse delete(String target, Caller caller) {
        return request(HttpMethod.DELETE, target, caller, null);
    }

    // ---- used by SimulatedParticipant

    Participant lastKnown(String id) {
        return room.lastKnown.get(id);
    }

    boolean isPresent(String id) {
        return room.participants.containsKey(id);
    }

    Optional<JsonObject> snapshotOf(String id) {
        return snapshots.getOrDefault(id, Optional.empty());
    }

    void deliver(String id, String type, Optional<String> clientId, JsonObject body) {
        Participant sender = present(id, "send");
        if (!sender.connected()) {
            throw new IllegalStateException(sender.displayName() + " is disconnected and cannot send; reconnect() first");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        loop.postRoom("onMessage(" + type + ")", () -> {
            Participant now = room.participants.get(id);
            if (now == null) {
                return;
            }
            if (!room.moduleActive) {
                room.recordError(now, clientId, "unknown_type", "unknown namespace '" + descriptor.id()
                        + "' (no such core namespace or plugin in this room)");
                return;
            }
            InboundMessage message = new InboundMessage(now, type, clientId, body);
            try {
                room.module.onMessage(message);
            } catch (MessageRefusedException refused) {
                room.recordError(now, clientId, refused.code().wireName(), refused.getMessage());
            } catch (JsonException invalid) {
                room.recordError(now, clientId, RefusalCode.INVALID_MESSAGE.wireName(), invalid.getMessage());
            } catch (RuntimeException | Error failure) {
                room.recordError(now, clientId, "internal_error", "the plugin failed while handling this message; the room goes on");
                throw failure;
            }
        });
        settle();
    }

    void leave(String id, LeaveReason reason) {
        Participant p = present(id, "leave");
        loop.postRoom("onLeave", () -> {
            Participant last = room.remove(id);
            if (last != null && room.moduleActive) {
                room.module.onLeave(last, reason);
            }
        });
        events.publishFromOutside(new ParticipantLeft(room.tenantId, room.roomId, p, reason));
        settle();
    }

    void changeRole(String id, Role role) {
        Participant p = present(id, "change role");
        if (p.role() == role) {
            return;
        }
        Participant changed = p.withRole(role);
        loop.postRoom("onRoleChanged", () -> {
            room.put(changed);
            if (room.moduleActive) {
                room.module.onRoleChanged(changed, p.role());
            }
        });
        events.publishFromOutside(new ParticipantRoleChanged(room.tenantId, room.roomId, changed, p.role()));
        settle();
    }

    void setConnected(String id, boolean connected) {
        Participant p = present(id, connected ? "reconnect" : "disconnect");
        if (p.connected() == connected) {
            throw new IllegalStateException(p.displayName() + " is " + (connected ? "connected" : "disconnected") + " already");
        }
        Participant changed = p.withConnected(connected);
        loop.postRoom(connected ? "joinSnapshot (resume)" : "onConnectionChanged", () -> {
            room.put(changed);
            if (connected && room.moduleActive) {
                snapshots.put(id, Objects.requireNonNull(room.module.joinSnapshot(changed), "joinSnapshot must not return null"));
            }
        });
        loop.postRoom("onConnectionChanged", () -> {
            if (room.moduleActive) {
                room.module.onConnectionChanged(changed);
            }
        });
        settle();
    }

    // ---- internals

    private Participant present(String id, String action) {
        checkUsable();
        Participant p = room.participants.get(id);
        if (p == null) {
            Participant last = room.lastKnown.get(id);
            throw new IllegalStateException((last == null ? id : last.displayName()) + " is not in the room and cannot " + action);
        }
        return p;
    }

    private void deactivateModule() {
        room.moduleActive = false;
        loop.cancelTimers(t -> t.onRoomThread);
        events.endRoomSubscriptions();
    }

    private void settle() {
        loop.drain();
        loop.rethrowPending();
    }

    private void checkUsable() {
        if (stopped) {
            throw new IllegalStateException("the plugin was stopped; create a new PluginTester");
        }
    }

    private static UUID userIdFor(String key) {
        return UUID.nameUUIDFromBytes(("plenum-plugin-tester:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Configures a {@link PluginTester}.
     * {@snippet :
     * PluginTester tester = PluginTester.forPlugin(new VotingPlugin())
     *         .settings(JsonObject.of("allowAbstain", true))
     *         .service("council-session", QuorumProvider.class, (tenant, room) -> new Quorum(5, 3))
     *         .holdBackgroundWork()
     *         .start();
     * }
     */
    public static final class Builder {

        private final Plugin plugin;
        private final RoomModuleFactory factory;
        private PluginDescriptor descriptor;
        private UUID tenantId = UUID.fromString("00000000-0000-4000-8000-00000000000a");
        private String roomId = "room-1";
        private String roomTitle = "Test room";
        private JsonObject settings = JsonObject.of();
        private Instant start = Instant.parse("2026-01-05T09:00:00Z");
        private boolean holdBackgroundWork;
        private boolean tolerateFailures;
        private boolean echoLog;
        private DataSource dataSource;
        private final Map<Class<?>, TesterServices.Provided> services = new LinkedHashMap<>();

        private Builder(Plugin plugin, RoomModuleFactory factory) {
            this.plugin = plugin;
            this.factory = factory;
        }

        /** The descriptor, when testing a module alone (for its id, dependencies, migrations). */
        public Builder descriptor(PluginDescriptor descriptor) {
            if (plugin != null) {
                throw new IllegalStateException("a whole plugin brings its own descriptor");
            }
            this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
            return this;
        }

        /** The tenant (default: a fixed UUID). */
        public Builder tenant(UUID tenantId) {
            this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
            return this;
        }

        /** The room's id and title (default {@code room-1}, "Test room"). */
        public Builder room(String roomId, String title) {
            this.roomId = Objects.requireNonNull(roomId, "roomId");
            this.roomTitle = Objects.requireNonNull(title, "title");
            return this;
        }

        /** The tenant's settings for the plugin (default {@code {}}). */
        public Builder settings(JsonObject settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Where the virtual clock starts (default 2026-01-05T09:00:00Z). */
        public Builder startAt(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** Background work waits until {@link PluginTester#runBackgroundWork()}, to observe the state in between. */
        public Builder holdBackgroundWork() {
            this.holdBackgroundWork = true;
            return this;
        }

        /** Plugin exceptions are collected in {@link PluginTester#failures()} instead of failing the call that caused them. */
        public Builder tolerateFailures() {
            this.tolerateFailures = true;
            return this;
        }

        /** Prints the plugin's log lines to standard output as well. */
        public Builder echoLog() {
            this.echoLog = true;
            return this;
        }

        /** The database behind {@code PluginContext.storage()}, with the plugin's migrations applied by the test. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * A service another plugin exports; the plugin under test finds it only if it declares a
         * dependency on {@code exporterPluginId}, as in the host.
         */
        public <S> Builder service(String exporterPluginId, Class<S> type, S implementation) {
            services.put(type, new TesterServices.Provided(PluginId.of(exporterPluginId), type.cast(implementation)));
            return this;
        }

        /** A service the core exports; every plugin finds it. */
        public <S> Builder coreService(Class<S> type, S implementation) {
            services.put(type, new TesterServices.Provided(null, type.cast(implementation)));
            return this;
        }

        /**
         * Starts the plugin (or registers the module factory) and opens the room.
         *
         * @throws IllegalStateException if the plugin needs another API version or refuses to start
         */
        public PluginTester start() {
            PluginTester tester = new PluginTester(this);
            tester.startUp(factory);
            return tester;
        }
    }
}
