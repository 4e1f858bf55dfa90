package org.plenum.core.signaling;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.plenum.core.plugin.PluginCalls;
import org.plenum.core.plugin.RoomModuleProvider;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.plenum.core.room.Room;
import org.plenum.core.room.RoomStore;
import org.plenum.core.signaling.frame.ClientMessage;
import org.plenum.core.signaling.frame.ErrorCode;
import org.plenum.core.signaling.frame.FrameReader;
import org.plenum.core.signaling.frame.FrameWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling core: hands each new socket a {@link ClientSession}, routes joins to the room's actor
 * (one {@code LiveRoom} per room with a meeting going on) and owns the timers. Transport-neutral: the
 * server's WebSocket adapter implements {@link Connection} and calls {@link #accept}.
 *
 * <pre>{@code
 * ClientSession session = hub.accept(connection);   // on open
 * session.onText(text);                             // per text frame
 * session.onClosed();                               // once, when the socket is gone
 * }</pre>
 */
public final class SignalingHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignalingHub.class);

    private final SignalingSettings settings;
    private final TicketService tickets;
    final RoomStore roomStore;
    final Clock clock;
    final SignalingMetrics metrics;
    final FrameReader reader;
    final FrameWriter writer;
    private final Map<String, LiveRoom> rooms = new ConcurrentHashMap<>();
    private final Map<String, LiveRoom> resumeTokens = new ConcurrentHashMap<>();
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timers;
    /** Socket writes, off the room threads. */
    final java.util.concurrent.ExecutorService writers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("signaling-out-", 0).factory());
    private volatile boolean closed;
    /** Where rooms learn which plugins' modules they host; none until a plugin host is attached. */
    volatile RoomModuleProvider modules = RoomModuleProvider.NONE;
    /** Where the rooms' core events go (the plugin host's event bus); nowhere until one is attached. */
    private volatile java.util.function.Consumer<? super org.plenum.api.event.CoreEvent> coreEvents = e -> { };
    /** Where recording starts and ends go (the audit log); nowhere until one is attached. */
    private volatile java.util.function.Consumer<? super org.plenum.core.plugin.RecordingNotice> recordingAudit = n -> { };
    /** Calls into plugin code: each on its own thread, with the plugin's loader, bounded in time. */
    final PluginCalls pluginCalls;
    /** The media engine rooms hand their {@code media} namespace to; null runs signaling without media. */
    private volatile org.plenum.media.engine.MediaEngine media;

    public SignalingHub(SignalingSettings settings, TicketService tickets, RoomStore roomStore, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.tickets = tickets;
        this.roomStore = roomStore;
        this.clock = clock;
        this.reader = new FrameReader(settings.maxFrameBytes());
        this.writer = new FrameWriter(clock);
        this.metrics = new SignalingMetrics(registry, rooms::size);
        this.pluginCalls = new PluginCalls(settings.pluginCallTimeout());
        // timers only post events to rooms or close sockets, so one thread is plenty
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("signaling-timers").daemon().factory());
        long ping = settings.pingInterval().toMillis();
        timers.scheduleAtFixedRate(() -> sessions.forEach(ClientSession::ping), ping, ping, TimeUnit.MILLISECONDS);
    }

    public SignalingSettings settings() {
        return settings;
    }

    /** A new socket. The session expects {@code control/join} within the join timeout. */
    public ClientSession accept(Connection connection) {
        ClientSession session = new ClientSession(this, connection);
        metrics.connections.incrementAndGet();
        sessions.add(session);
        if (closed) {
            session.close(CloseCode.GOING_AWAY, "server shutting down");
            return session;
        }
        session.startJoinTimer();
        return session;
    }

    /** Attaches the media engine; rooms opened from now on hand it their {@code media} namespace. */
    public void useMedia(org.plenum.media.engine.MediaEngine engine) {
        this.media = engine;
    }

    org.plenum.media.engine.MediaEngine media() {
        return media;
    }

    /** Attaches the plugin host: from now on rooms ask it which plugin modules they host. */
    public void useModules(RoomModuleProvider provider) {
        this.modules = provider;
        pluginsChanged();
    }

    /**
     * Attaches the receiver of the rooms' core events ({@code RoomOpened}, {@code ParticipantJoined},
     * {@code ParticipantLeft}, {@code ParticipantRoleChanged}, {@code RoomClosed}): the plugin host's event bus.
     * Called on the rooms' threads, in each room's order; it must not block.
     */
    public void useCoreEvents(java.util.function.Consumer<? super org.plenum.api.event.CoreEvent> sink) {
        this.coreEvents = java.util.Objects.requireNonNull(sink, "sink");
    }

    /**
     * Attaches the receiver of recording starts and ends (the audit log). Called on the rooms' threads; it
     * must not block.
     */
    public void useRecordingAudit(java.util.function.Consumer<? super org.plenum.core.plugin.RecordingNotice> sink) {
        this.recordingAudit = java.util.Objects.requireNonNull(sink, "sink");
    }

    void recorded(org.plenum.core.plugin.RecordingNotice notice) {
        try {
            recordingAudit.accept(notice);
        } catch (RuntimeException e) {
            log.atWarn().setMessage("recording not handed to the audit log").addKeyValue("room", notice.roomId())
                    .addKeyValue("recording", notice.recording().id()).setCause(e).log();
        }
    }

    void publish(org.plenum.api.event.CoreEvent event) {
        try {
            coreEvents.accept(event);
        } catch (RuntimeException e) {
            log.atWarn().setMessage("core event not delivered").addKeyValue("event", event.getClass().getSimpleName())
                    .addKeyValue("room", event.roomId()).setCause(e).log();
        }
    }

    /** Whether a meeting is going on in the room. */
    public boolean isLive(String roomId) {
        return rooms.containsKey(roomId);
    }

    /** The tenant's rooms with a meeting going on in which the plugin has a working module. */
    public Set<String> liveRoomsWithModule(java.util.UUID tenantId, org.plenum.api.PluginId plugin) {
        Set<String> out = new java.util.TreeSet<>();
        for (LiveRoom r : rooms.values()) {
            if (tenantId.equals(r.tenantId()) && r.liveModules().contains(plugin.value())) {
                out.add(r.id);
            }
        }
        return out;
    }

    /**
     * Runs {@code action} on the room's thread with the plugin's module there (isolated like every call into a
     * plugin). Fails with {@link java.util.NoSuchElementException} when no meeting goes on in the room or it has
     * no module of the plugin, with {@link ClassCastException} when the module is not a {@code moduleType}.
     */
    public <M extends org.plenum.api.room.RoomModule, T> java.util.concurrent.CompletionStage<T> callModule(
            org.plenum.api.PluginId plugin, String roomId, Class<M> moduleType, java.util.function.Function<? super M, ? extends T> action) {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        Runnable abandon = () -> result.completeExceptionally(new java.util.NoSuchElementException("no meeting is going on in room " + roomId));
        LiveRoom room = rooms.get(roomId);
        if (room == null || !room.post(new RoomEvent.ModuleCall(p -> p.callModule(plugin, moduleType, action, result), abandon))) {
            abandon.run();
        }
        return result;
    }

    /**
     * The room was changed through REST; a meeting going on in it takes the new title, lock and waiting-room
     * policy and tells everyone, so that a lock set on the rooms page holds at once and shows in the meeting.
     */
    public void roomStored(org.plenum.core.room.Room room) {
        LiveRoom live = rooms.get(room.id());
        if (live != null) {
            live.post(new RoomEvent.RoomStored(room));
        }
    }

    /** The plugin host changed what is active; every live room brings its modules in line. */
    public void pluginsChanged() {
        rooms.values().forEach(r -> r.post(new RoomEvent.PluginsChanged()));
    }

    /** Rooms with a meeting going on. */
    public int roomCount() {
        return rooms.size();
    }

    /** Admitted participants over all rooms, including those within their reconnect grace period. */
    public int participantCount() {
        return metrics.participants.get();
    }

    // ---- used by sessions and rooms

    void join(ClientSession session, ClientMessage.Join join, String re) {
        if (join.isResume()) {
            LiveRoom room = resumeTokens.get(join.resumeToken());
            if (room == null || !enter(session, room, new RoomEvent.ResumeRequest(session, join.resumeToken(), re))) {
                session.refuse(re, ErrorCode.INVALID_RESUME_TOKEN, "this resume token is unknown or expired; get a new ticket",
                        CloseCode.UNAUTHENTICATED);
            }
            return;
        }
        Optional<JoinGrant> grant = tickets.redeem(join.ticket());
        if (grant.isEmpty()) {
            session.refuse(re, ErrorCode.INVALID_TICKET, "this ticket is unknown, used or expired; request a new one",
                    CloseCode.UNAUTHENTICATED);
            return;
        }
        JoinGrant g = grant.get();
        // the database checks happen here, on the joining socket's thread, in parallel with other joins;
        // the room's thread then only checks what changed in memory since (bans, lock)
        Optional<Room> room;
        boolean banned;
        try {
            room = roomStore.find(g.roomId());
            banned = room.isPresent() && roomStore.isBanned(g.roomId(), g.userId(), g.inviteId());
        } catch (RuntimeException e) {
            log.atWarn().setMessage("signaling join check failed").addKeyValue("room", g.roomId()).setCause(e).log();
            session.refuse(re, ErrorCode.INTERNAL_ERROR, "the server could not check the room; try again with a new ticket",
                    CloseCode.INTERNAL_ERROR);
            return;
        }
        if (room.isEmpty()) {
            session.refuse(re, ErrorCode.NOT_FOUND, "this room no longer exists", CloseCode.REFUSED);
        } else if (banned) {
            session.refuse(re, ErrorCode.BANNED, "you have been banned from this room", CloseCode.REFUSED);
        } else {
            route(new RoomEvent.JoinRequest(session, g, join.displayName(), re, room.get()));
        }
    }

    /** To the room's actor, opening one if the room has no meeting going on. */
    void route(RoomEvent.JoinRequest request) {
        // a room whose actor is just ending refuses the post; then the next attempt opens a new one
        while (!closed) {
            LiveRoom room = rooms.computeIfAbsent(request.grant().roomId(), id -> {
                LiveRoom r = new LiveRoom(id, this);
                r.start();
                return r;
            });
            if (enter(request.session(), room, request)) {
                return;
            }
            rooms.remove(room.id, room);
        }
        request.session().refuse(request.re(), ErrorCode.UNAVAILABLE, "the server is shutting down", CloseCode.GOING_AWAY);
    }

    private static boolean enter(ClientSession session, LiveRoom room, RoomEvent event) {
        session.enter(room);
        return room.post(event);
    }

    void roomEnded(LiveRoom room) {
        rooms.remove(room.id, room);
    }

    void rememberResumeToken(String token, LiveRoom room) {
        resumeTokens.put(token, room);
    }

    void forgetResumeToken(String token) {
        resumeTokens.remove(token);
    }

    void sessionClosed(ClientSession session) {
        if (sessions.remove(session)) {
            metrics.connections.decrementAndGet();
        }
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return timers.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("signaling timer task failed", e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null; // shutting down
        }
    }

    /** Closes every socket (1001) and ends every room's actor, waiting a few seconds for them. */
    @Override
    public void close() {
        closed = true;
        List<LiveRoom> live = new ArrayList<>(rooms.values());
        live.forEach(r -> r.post(new RoomEvent.Shutdown()));
        for (LiveRoom r : live) {
            try {
                r.awaitEnd(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sessions.forEach(s -> s.close(CloseCode.GOING_AWAY, "server shutting down"));
        timers.shutdownNow();
        writers.shutdown();
        pluginCalls.close();
        log.atInfo().setMessage("signaling stopped").addKeyValue("rooms", live.size()).log();
    }
}
