package org.plenum.core.signaling;

import org.plenum.api.room.Audience;
import org.plenum.api.room.LeaveReason;
import org.plenum.core.plugin.RoomPlugins;
import org.plenum.core.plugin.RoomPort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.plenum.core.error.Problem;
import org.plenum.core.room.Room;
import org.plenum.core.room.WaitingRoomPolicy;
import org.plenum.core.security.SecureTokens;
import org.plenum.core.signaling.frame.ClientMessage;
import org.plenum.core.signaling.frame.ErrorCode;
import org.plenum.core.signaling.frame.ServerMessage;
import org.plenum.core.signaling.frame.SignalingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meeting going on in one room, as an actor: events queue up in a {@link Mailbox} and one virtual
 * thread handles them in order, so the room's state needs no locks and everyone sees events in the
 * same order. A handler that fails is answered with {@code internal_error}; the room goes on. The
 * actor ends when the last person is gone (or the meeting is ended) and the hub forgets it. The
 * namespaces' requests are handled by {@link RoomModeration}, {@link RoomChat} and {@link RaisedHands}.
 */
final class LiveRoom implements Mailbox.Owner<RoomEvent> {

    private static final Logger log = LoggerFactory.getLogger(LiveRoom.class);

    final String id;
    final SignalingHub hub;
    private final Mailbox<RoomEvent> mailbox;

    // ---- state below: room thread only
    private String title = "";
    private boolean locked;
    private WaitingRoomPolicy waitingPolicy = WaitingRoomPolicy.GUESTS;
    /** The room row's {@code updated_at} that title, lock and policy above correspond to. */
    private java.time.Instant appliedUpdate;
    /** Admitted participants, in order of arrival. */
    final Map<String, Participant> participants = new LinkedHashMap<>();
    final Map<String, Participant> waiting = new LinkedHashMap<>();
    private final Map<ClientSession, Participant> bySession = new IdentityHashMap<>();
    private final Map<String, Participant> byResumeToken = new java.util.HashMap<>();
    /** Bans made during this meeting; the database has them too, this closes the gap for tickets in flight. */
    private final Set<UUID> bannedUsers = new HashSet<>();
    private final Set<UUID> bannedInvites = new HashSet<>();
    final ChatHistory chat;
    private final RoomModeration moderation;
    private final RoomChat chatCommands;
    private final RaisedHands hands;
    final RoomMedia media;
    private boolean ending;
    /** The plugins' modules in this meeting; created with the first join, when the room's tenant is known. */
    private volatile RoomPlugins plugins;
    /** Known from the first join on; volatile because the hub reads it for {@code RoomDirectory} from other threads. */
    private volatile UUID tenantId;

    LiveRoom(String id, SignalingHub hub) {
        this.id = id;
        this.hub = hub;
        this.chat = new ChatHistory(hub.settings().chatHistorySize());
        this.moderation = new RoomModeration(this);
        this.chatCommands = new RoomChat(this);
        this.hands = new RaisedHands(this);
        this.media = new RoomMedia(this, hub.media());
        this.mailbox = new Mailbox<>("room-" + id, this);
    }

    void start() {
        mailbox.start();
        log.atInfo().setMessage("room opened").addKeyValue("room", id).log();
    }

    /** Queues an event; false when the actor has ended (the hub then opens a new one). */
    boolean post(RoomEvent e) {
        return mailbox.post(e);
    }

    void awaitEnd(long millis) throws InterruptedException {
        mailbox.awaitEnd(millis);
    }

    /** The actor ends when the meeting was ended, or when nobody is left (not even within a grace period). */
    @Override
    public Mailbox.Ending ending() {
        if (ending) {
            return Mailbox.Ending.NOW;
        }
        return participants.isEmpty() && waiting.isEmpty() ? Mailbox.Ending.WHEN_IDLE : Mailbox.Ending.NO;
    }

    @Override
    public void ended(List<RoomEvent> leftovers) {
        closePlugins();
        hub.roomEnded(this);
        if (tenantId != null) {
            hub.publish(new org.plenum.api.event.RoomClosed(tenantId, id));
        }
        // events that raced with the end: a joiner's ticket is spent, so their join goes to the
        // room's next meeting; a resume token died with this one; the rest is moot
        for (RoomEvent e : leftovers) {
            if (e instanceof RoomEvent.JoinRequest j) {
                hub.route(j);
            } else if (e instanceof RoomEvent.ModuleCall c) {
                c.abandon().run();
            } else if (e instanceof RoomEvent.ResumeRequest r) {
                r.session().refuse(r.re(), ErrorCode.INVALID_RESUME_TOKEN, "the meeting has ended", CloseCode.UNAUTHENTICATED);
            }
        }
        log.atInfo().setMessage("room closed").addKeyValue("room", id).log();
    }

    @Override
    public void handle(RoomEvent e) {
        try {
            dispatch(e);
        } catch (RuntimeException x) {
            // an event that is not a client request (join, timer) failed: log it, keep the room alive
            log.atWarn().setMessage("room event failed").addKeyValue("room", id)
                    .addKeyValue("event", e.getClass().getSimpleName()).setCause(x).log();
            if (e instanceof RoomEvent.JoinRequest j) {
                j.session().refuse(j.re(), ErrorCode.INTERNAL_ERROR, "the server could not complete the join; try again",
                        CloseCode.INTERNAL_ERROR);
            }
        }
    }

    private void dispatch(RoomEvent e) {
        switch (e) {
            case RoomEvent.JoinRequest j -> join(j);
            case RoomEvent.ResumeRequest r -> resume(r);
            case RoomEvent.Inbound in -> inbound(in);
            case RoomEvent.Disconnected d -> disconnected(d.session());
            case RoomEvent.GraceExpired g -> graceExpired(g);
            case RoomEvent.Shutdown s -> shutdown();
            case RoomEvent.PluginInbound in -> pluginInbound(in);
            case RoomEvent.RoomStored s -> roomStored(s.room());
            case RoomEvent.PluginTask t -> t.task().run();
            case RoomEvent.MediaTask t -> t.task().run();
            case RoomEvent.ModuleCall c -> {
                if (plugins == null) {
                    c.abandon().run();
                } else {
                    c.call().accept(plugins);
                }
            }
            case RoomEvent.PluginsChanged c -> {
                if (plugins != null) {
                    plugins.refresh(true);
                }
            }
        }
    }

    // ---- joining

    private void join(RoomEvent.JoinRequest j) {
        var grant = j.grant();
        ClientSession s = j.session();
        if (s.isClosed()) {
            return; // gone before its turn (its Disconnected may have gone to an earlier meeting)
        }
        adopt(j.room());
        if (plugins == null) {
            tenantId = j.room().tenantId();
            plugins = new RoomPlugins(new Port(), hub.modules, hub.pluginCalls);
            hub.publish(new org.plenum.api.event.RoomOpened(tenantId, id));
            plugins.refresh(false);
        }
        if ((grant.userId() != null && bannedUsers.contains(grant.userId()))
                || (grant.inviteId() != null && bannedInvites.contains(grant.inviteId()))) {
            s.refuse(j.re(), ErrorCode.BANNED, "you have been banned from this room", CloseCode.REFUSED);
            return;
        }
        if (locked && !grant.moderator()) {
            s.refuse(j.re(), ErrorCode.ROOM_LOCKED, "the room is locked; only moderators may enter right now", CloseCode.REFUSED);
            return;
        }
        if (grant.userId() != null) {
            // the same user coming back with a fresh ticket while still within the grace period (a reload of
            // the page loses the resume token): they take over their entry instead of appearing twice
            for (Participant earlier : participants.values()) {
                if (earlier.session == null && grant.userId().equals(earlier.userId)) {
                    reattach(earlier, s, j.re());
                    return;
                }
            }
        }
        String name = j.displayName() != null ? j.displayName().strip() : grant.displayName();
        Participant p = new Participant("p-" + SecureTokens.urlSafe(12), grant, name, hub.clock.instant());
        p.session = s;
        bySession.put(s, p);
        s.joined();
        boolean waits = switch (waitingPolicy) {
            case OFF -> false;
            case GUESTS -> p.guest && !grant.moderator();
            case EVERYONE -> !grant.moderator();
        };
        if (waits) {
            waiting.put(p.id, p);
            hub.metrics.waiting.incrementAndGet();
            log.atInfo().setMessage("participant waiting").addKeyValue("room", id).addKeyValue("participant", p.id).log();
            s.send(new ServerMessage.Waiting(p.id, roomView(), recordingViews()), j.re());
            sendWaitingList();
        } else {
            admit(p, j.re());
        }
    }

    /**
     * Takes title, lock and waiting-room policy from a database read, unless this room changed them
     * itself after that read: REST changes show up with the next join, and a read that raced with
     * {@code moderation/lock} cannot undo it.
     */
    private void adopt(Room room) {
        if (appliedUpdate == null || room.updatedAt().isAfter(appliedUpdate)) {
            title = room.title();
            locked = room.locked();
            waitingPolicy = room.waitingRoom();
            appliedUpdate = room.updatedAt();
        }
    }

    /** A REST change of the room: adopted if newer than what the room applied, and announced when it shows. */
    private void roomStored(Room room) {
        ServerMessage.RoomView before = roomView();
        adopt(room);
        ServerMessage.RoomView after = roomView();
        if (!after.equals(before)) {
            log.atInfo().setMessage("room changed outside the meeting").addKeyValue("room", id).addKeyValue("locked", locked).log();
            broadcast(new ServerMessage.RoomUpdated(after, null), null);
        }
    }

    /** Into the room: the snapshot to them, the announcement to everyone else. */
    void admit(Participant p, String re) {
        participants.put(p.id, p);
        hub.metrics.participants.incrementAndGet();
        issueResumeToken(p);
        log.atInfo().setMessage("participant joined").addKeyValue("room", id).addKeyValue("participant", p.id)
                .addKeyValue("role", p.role.wireName()).log();
        p.session.send(snapshotFor(p), re);
        broadcast(new ServerMessage.ParticipantJoined(p.view()), p);
        plugins.joined(p.pluginView());
        media.admitted(p);
        hub.publish(new org.plenum.api.event.ParticipantJoined(tenantId, id, p.pluginView()));
    }

    private void resume(RoomEvent.ResumeRequest r) {
        ClientSession s = r.session();
        Participant p = byResumeToken.get(r.resumeToken());
        if (p == null || !participants.containsKey(p.id)) {
            s.refuse(r.re(), ErrorCode.INVALID_RESUME_TOKEN, "this resume token is unknown or expired; get a new ticket",
                    CloseCode.UNAUTHENTICATED);
            return;
        }
        reattach(p, s, r.re());
    }

    /** Puts an existing participant on a new socket: same id, fresh snapshot, others see them connected again. */
    private void reattach(Participant p, ClientSession s, String re) {
        ClientSession old = p.session;
        if (old != null) {
            bySession.remove(old);
            old.close(CloseCode.REPLACED, "resumed on another connection");
        }
        boolean wasDisconnected = old == null;
        p.session = s;
        p.graceEpoch++;
        bySession.put(s, p);
        s.joined();
        issueResumeToken(p);
        log.atInfo().setMessage("participant resumed").addKeyValue("room", id).addKeyValue("participant", p.id).log();
        s.send(snapshotFor(p), re);
        media.reattached(p);
        if (wasDisconnected) {
            broadcast(new ServerMessage.ParticipantUpdated(p.view(), List.of("connection")), p);
            plugins.connectionChanged(p.pluginView());
        }
    }

    /** Resume tokens are single-use: each joined carries a fresh one. */
    private void issueResumeToken(Participant p) {
        if (p.resumeToken != null) {
            byResumeToken.remove(p.resumeToken);
            hub.forgetResumeToken(p.resumeToken);
        }
        p.resumeToken = SecureTokens.urlSafe(24);
        byResumeToken.put(p.resumeToken, p);
        hub.rememberResumeToken(p.resumeToken, this);
    }

    private ServerMessage.Joined snapshotFor(Participant p) {
        List<ServerMessage.ParticipantView> views = participants.values().stream().map(Participant::view).toList();
        List<ServerMessage.RaisedHand> raised = participants.values().stream().filter(Participant::handRaised)
                .sorted(Comparator.comparing((Participant x) -> x.handRaisedAt))
                .map(x -> new ServerMessage.RaisedHand(x.id, x.handRaisedAt)).toList();
        return new ServerMessage.Joined(p.id, p.role.wireName(), p.resumeToken, hub.settings().reconnectGrace().toSeconds(),
                roomView(), views, raised, chat.visibleTo(p.id), p.isModerator() ? waitingViews() : null,
                plugins.snapshots(p.pluginView()).stream()
                        .map(snap -> new com.fasterxml.jackson.databind.util.RawValue(RoomPlugins.snapshotJson(snap))).toList(),
                media.settingsFor(p), recordingViews());
    }

    private List<ServerMessage.RecordingView> recordingViews() {
        return plugins.recordings().stream().map(LiveRoom::recordingView).toList();
    }

    private static ServerMessage.RecordingView recordingView(org.plenum.core.plugin.ActiveRecording r) {
        return new ServerMessage.RecordingView(r.id(), r.kind(), r.label(), r.plugin(), r.startedAt());
    }

    /** Recording frames go to the waiting room too: nobody should enter a recorded meeting unaware. */
    private void sendToRoomAndWaiting(ServerMessage m) {
        String frame = hub.writer.encode(m, null);
        for (Participant p : everyone()) {
            if (p.session != null) {
                p.session.send(frame);
            }
        }
    }

    ServerMessage.RoomView roomView() {
        return new ServerMessage.RoomView(id, title, locked, waitingPolicy.wireName());
    }

    /** Stores the lock first; if that fails, nothing changes. */
    void lock(boolean value) {
        hub.roomStore.setLocked(id, value);
        locked = value;
        try {
            hub.roomStore.find(id).ifPresent(r -> appliedUpdate = r.updatedAt());
        } catch (RuntimeException e) {
            appliedUpdate = hub.clock.instant();
        }
    }

    // ---- requests

    private void inbound(RoomEvent.Inbound in) {
        Participant p = bySession.get(in.session());
        if (p == null) {
            return; // the socket was replaced, refused or removed meanwhile: nothing to answer
        }
        String ns = in.type().ns;
        try {
            if (waiting.containsKey(p.id) && !(in.message() instanceof ClientMessage.Leave)) {
                throw new SignalingException(ErrorCode.NOT_ADMITTED, "you are in the waiting room; a moderator has to admit you first");
            }
            boolean answered = switch (in.message()) {
                case ClientMessage.Join j -> throw new SignalingException(ErrorCode.ALREADY_JOINED, "this socket has joined already");
                case ClientMessage.Leave l -> leave(p, in.re());
                case ClientMessage.Rename r -> rename(p, r);
                case ClientMessage.Moderation m -> moderation.handle(p, m, in.re());
                case ClientMessage.Chat c -> chatCommands.handle(p, c);
                case ClientMessage.Hand h -> hands.handle(p, h);
                case ClientMessage.Media m -> media.handle(p, m, in.re());
            };
            if (!answered && in.re() != null) {
                in.session().send(new ServerMessage.Ok(ns), in.re());
            }
        } catch (SignalingException x) {
            in.session().sendError(ns, in.re(), x.code(), x.getMessage());
        } catch (Problem x) {
            in.session().sendError(ns, in.re(), ErrorCode.of(x.kind()), x.detail());
        } catch (RuntimeException x) {
            log.atWarn().setMessage("signaling handler failed").addKeyValue("room", id)
                    .addKeyValue("message", in.type().qualifiedName()).setCause(x).log();
            in.session().sendError(ns, in.re(), ErrorCode.INTERNAL_ERROR, "the server failed to handle " + in.type().qualifiedName()
                    + "; it may not have taken effect, the meeting goes on");
        }
    }

    /** @return true when the request was answered already (here: ok, then the close) */
    private boolean leave(Participant p, String re) {
        ClientSession s = p.session;
        if (re != null) {
            s.send(new ServerMessage.Ok("control"), re);
        }
        if (waiting.remove(p.id) != null) {
            hub.metrics.waiting.decrementAndGet();
            bySession.remove(s);
            sendWaitingList();
        } else {
            remove(p, "left");
        }
        s.close(CloseCode.NORMAL, "left");
        return true;
    }

    private boolean rename(Participant p, ClientMessage.Rename r) {
        String name = r.displayName().strip();
        if (!name.equals(p.displayName)) {
            p.displayName = name;
            broadcast(new ServerMessage.ParticipantUpdated(p.view(), List.of("name")), null);
        }
        return false;
    }

    // ---- plugins

    private void pluginInbound(RoomEvent.PluginInbound in) {
        Participant p = bySession.get(in.session());
        if (p == null) {
            return;
        }
        if (waiting.containsKey(p.id)) {
            in.session().sendError(in.ns(), in.re(), ErrorCode.NOT_ADMITTED, "you are in the waiting room; a moderator has to admit you first");
            return;
        }
        if (!plugins.message(p.pluginView(), in.ns(), in.type(), in.re(), in.bodyJson())) {
            in.session().sendError(in.ns(), in.re(), ErrorCode.UNKNOWN_TYPE, "no plugin '" + in.ns() + "' is active in this room");
        }
    }

    /** The room as the plugins' modules see it; see {@link RoomPort}. */
    private final class Port implements RoomPort {

        @Override
        public String roomId() {
            return id;
        }

        @Override
        public UUID tenantId() {
            return tenantId;
        }

        @Override
        public java.time.Clock clock() {
            return hub.clock;
        }

        @Override
        public List<org.plenum.api.room.Participant> participants() {
            List<org.plenum.api.room.Participant> out = new ArrayList<>(participants.size());
            for (Participant p : participants.values()) {
                out.add(p.pluginView());
            }
            return out;
        }

        @Override
        public java.util.Optional<org.plenum.api.room.Participant> participant(String participantId) {
            return java.util.Optional.ofNullable(participants.get(participantId)).map(Participant::pluginView);
        }

        @Override
        public void send(Audience to, String ns, String type, String bodyJson) {
            String frame = hub.writer.encode(new ServerMessage.Raw(ns, type, bodyJson), null);
            for (Participant p : participants.values()) {
                if (p.session != null && to.includes(p.pluginView())) {
                    p.session.send(frame);
                }
            }
        }

        @Override
        public void reply(String participantId, String ns, String re, String type, String bodyJson) {
            Participant p = participants.get(participantId);
            if (p != null && p.session != null) {
                p.session.send(new ServerMessage.Raw(ns, type, bodyJson), re);
            }
        }

        @Override
        public void refuse(String participantId, String ns, String re, String code, String message) {
            Participant p = participants.get(participantId);
            if (p != null && p.session != null) {
                p.session.send(new ServerMessage.PluginError(ns, code, message), re);
            }
        }

        @Override
        public void recordingStarted(org.plenum.core.plugin.ActiveRecording recording) {
            sendToRoomAndWaiting(new ServerMessage.RecordingStarted(recordingView(recording)));
            hub.recorded(new org.plenum.core.plugin.RecordingNotice(tenantId, id, recording, null, null));
        }

        @Override
        public void recordingStopped(org.plenum.core.plugin.ActiveRecording recording, String reason, java.time.Instant endedAt) {
            sendToRoomAndWaiting(new ServerMessage.RecordingStopped(recordingView(recording), reason, endedAt));
            hub.recorded(new org.plenum.core.plugin.RecordingNotice(tenantId, id, recording, reason, endedAt));
        }

        @Override
        public void post(Runnable task) {
            LiveRoom.this.post(new RoomEvent.PluginTask(task));
        }

        @Override
        public Cancellable schedule(java.time.Duration delay, Runnable task) {
            java.util.concurrent.ScheduledFuture<?> f = hub.schedule(() -> post(task), delay);
            return () -> {
                if (f != null) {
                    f.cancel(false);
                }
            };
        }
    }

    // ---- leaving

    private void disconnected(ClientSession s) {
        Participant p = bySession.remove(s);
        if (p == null || p.session != s) {
            return;
        }
        p.session = null;
        if (waiting.remove(p.id) != null) {
            // waiting is not resumable: whoever comes back queues again
            hub.metrics.waiting.decrementAndGet();
            sendWaitingList();
            return;
        }
        long epoch = ++p.graceEpoch;
        hub.schedule(() -> post(new RoomEvent.GraceExpired(p.id, epoch)), hub.settings().reconnectGrace());
        broadcast(new ServerMessage.ParticipantUpdated(p.view(), List.of("connection")), p);
        plugins.connectionChanged(p.pluginView());
    }

    private void graceExpired(RoomEvent.GraceExpired g) {
        Participant p = participants.get(g.participantId());
        if (p != null && p.session == null && p.graceEpoch == g.epoch()) {
            remove(p, "timeout");
        }
    }

    /** Out of the room for good, announced with {@code reason}. The caller deals with the socket. */
    void remove(Participant p, String reason) {
        if (participants.remove(p.id) == null) {
            return;
        }
        hub.metrics.participants.decrementAndGet();
        if (p.session != null) {
            bySession.remove(p.session);
        }
        if (p.resumeToken != null) {
            byResumeToken.remove(p.resumeToken);
            hub.forgetResumeToken(p.resumeToken);
        }
        p.graceEpoch++;
        log.atInfo().setMessage("participant left").addKeyValue("room", id).addKeyValue("participant", p.id)
                .addKeyValue("reason", reason).log();
        broadcast(new ServerMessage.ParticipantLeft(p.id, reason), null);
        media.left(p);
        if (plugins != null) {
            LeaveReason why = switch (reason) {
                case "kicked" -> LeaveReason.KICKED;
                case "banned" -> LeaveReason.BANNED;
                case "timeout" -> LeaveReason.TIMED_OUT;
                default -> LeaveReason.LEFT;
            };
            org.plenum.api.room.Participant gone = p.pluginView().withConnected(false);
            plugins.left(gone, why);
            hub.publish(new org.plenum.api.event.ParticipantLeft(tenantId, id, gone, why));
        }
    }

    /** Tells the plugins' modules that a moderator changed someone's role. */
    void roleChanged(Participant p, Participant.Role previous) {
        if (plugins != null) {
            org.plenum.api.room.Role before = org.plenum.api.room.Role.valueOf(previous.name());
            plugins.roleChanged(p.pluginView(), before);
            hub.publish(new org.plenum.api.event.ParticipantRoleChanged(tenantId, id, p.pluginView(), before));
        }
    }

    /** Out of the waiting room (admitted or turned away). */
    Participant takeWaiting(String participantId) {
        Participant w = waiting.remove(participantId);
        if (w == null) {
            throw SignalingException.notFound("nobody with id " + participantId + " is in the waiting room");
        }
        hub.metrics.waiting.decrementAndGet();
        return w;
    }

    void forgetSession(ClientSession s) {
        bySession.remove(s);
    }

    void ban(UUID user, UUID invite) {
        hub.roomStore.ban(id, user, invite);
        if (user != null) {
            bannedUsers.add(user);
        }
        if (invite != null) {
            bannedInvites.add(invite);
        }
    }

    /** Ends the meeting for everyone: the room's state, chat included, is gone. */
    void end(String reason, String by) {
        closePlugins();
        String frame = hub.writer.encode(new ServerMessage.RoomClosed(reason, by), null);
        for (Participant p : everyone()) {
            if (p.session != null) {
                p.session.send(frame);
                p.session.close(CloseCode.NORMAL, "meeting ended");
            }
        }
        clearAll();
        ending = true;
        log.atInfo().setMessage("meeting ended").addKeyValue("room", id).addKeyValue("by", by).log();
    }

    private void shutdown() {
        closePlugins();
        for (Participant p : everyone()) {
            if (p.session != null) {
                p.session.close(CloseCode.GOING_AWAY, "server shutting down");
            }
        }
        clearAll();
        ending = true;
    }

    /** The meeting ends: the modules hear {@code onRoomClosing}, plugin-level listeners one {@code ParticipantLeft} per person. */
    private void closePlugins() {
        media.close();
        if (plugins != null) {
            plugins.closing();
            for (Participant p : participants.values()) {
                hub.publish(new org.plenum.api.event.ParticipantLeft(tenantId, id, p.pluginView().withConnected(false),
                        LeaveReason.ROOM_CLOSED));
            }
        }
    }

    /** The tenant of the meeting, once someone joined; for threads other than the room's. */
    UUID tenantId() {
        return tenantId;
    }

    /** The plugins with a working module in this meeting; readable from any thread. */
    java.util.Set<String> liveModules() {
        RoomPlugins p = plugins;
        return p == null ? java.util.Set.of() : p.liveModules();
    }

    private void clearAll() {
        hub.metrics.participants.addAndGet(-participants.size());
        hub.metrics.waiting.addAndGet(-waiting.size());
        byResumeToken.keySet().forEach(hub::forgetResumeToken);
        byResumeToken.clear();
        participants.clear();
        waiting.clear();
        bySession.clear();
        chat.clear();
    }

    private List<Participant> everyone() {
        List<Participant> all = new ArrayList<>(participants.values());
        all.addAll(waiting.values());
        return all;
    }

    // ---- sending

    /** To every admitted participant with a socket, except {@code except}; encoded once. */
    void broadcast(ServerMessage m, Participant except) {
        String frame = hub.writer.encode(m, null);
        for (Participant p : participants.values()) {
            if (p != except && p.session != null) {
                p.session.send(frame);
            }
        }
    }

    void sendTo(Participant p, ServerMessage m) {
        if (p.session != null) {
            p.session.send(m, null);
        }
    }

    List<ServerMessage.WaitingView> waitingViews() {
        return waiting.values().stream().map(Participant::waitingView).toList();
    }

    /** The full waiting list, to every moderator, on every change. */
    void sendWaitingList() {
        String frame = hub.writer.encode(new ServerMessage.WaitingList(waitingViews()), null);
        for (Participant p : participants.values()) {
            if (p.isModerator() && p.session != null) {
                p.session.send(frame);
            }
        }
    }

    /** The admitted participant with this id, or null (engine callbacks may arrive after someone left). */
    Participant participantOrNull(String participantId) {
        return participants.get(participantId);
    }

    Participant participant(String participantId) {
        Participant p = participants.get(participantId);
        if (p == null) {
            throw SignalingException.notFound("no participant with id " + participantId + " is in this room");
        }
        return p;
    }

    static void requireModerator(Participant p, String what) {
        if (!p.isModerator()) {
            throw SignalingException.forbidden("only moderators may " + what);
        }
    }
}
