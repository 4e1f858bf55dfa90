package org.plenum.timer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomTimer;

/**
 * The timer of one room: at most one countdown or stopwatch at a time. Runs on the room's thread only.
 *
 * <ul>
 *   <li>{@code start} (moderators): everyone gets {@code started}. A countdown ends by itself on the room's timer;
 *       a stopwatch runs until {@code stop}, at most {@link #LIMIT}.</li>
 *   <li>{@code stop} (moderators): ends the timer early.</li>
 *   <li>{@code ready} (anyone): says whether the sender is ready; everyone gets {@code ready_changed} with the
 *       count, the number of people in the room and, unless the timer is anonymous, who is ready. Joins and leaves
 *       change the count too; they are announced the same way, at most once per {@link #ANNOUNCE_INTERVAL}, so a
 *       crowd arriving costs one message to everyone and not one per arrival.</li>
 *   <li>When it ends, for whatever reason, everyone gets {@code ended}.</li>
 * </ul>
 * The protocol, with examples, is in {@code docs/plugins/timer.md}.
 */
public final class TimerModule implements RoomModule {

    /** The longest countdown, and the time after which a stopwatch stops by itself. */
    public static final Duration LIMIT = Duration.ofHours(24);

    /** How long joins and leaves are collected before the new count goes out. */
    static final Duration ANNOUNCE_INTERVAL = Duration.ofSeconds(1);

    private static final Set<String> STOP_FIELDS = Set.of();
    private static final Set<String> READY_FIELDS = Set.of("ready");

    /** Why a timer ended, as the {@code reason} of {@code ended}. */
    enum EndReason {
        /** A countdown reached zero. */
        ELAPSED,
        /** A moderator stopped it. */
        STOPPED,
        /** A stopwatch reached {@link #LIMIT}. */
        LIMIT_REACHED,
        /** The meeting ended. */
        MEETING_ENDED,
        /** The plugin was stopped while the meeting went on. */
        PLUGIN_STOPPED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The running timer. */
    private record Running(String id, TimerRequest request, Instant startedAt, String starterId, String starterName, RoomTimer end) {

        Optional<Instant> endsAt() {
            return request.duration().map(startedAt::plus);
        }

        JsonObject view() {
            JsonObject.Builder b = JsonObject.builder().put("id", id).put("kind", request.kind().wireName())
                    .put("title", request.title()).put("startedAt", startedAt.toString())
                    .put("anonymousReady", request.anonymousReady())
                    .put("startedBy", JsonObject.of("participantId", starterId, "name", starterName));
            request.duration().ifPresent(d -> b.put("durationSeconds", d.toSeconds()));
            endsAt().ifPresent(t -> b.put("endsAt", t.toString()));
            return b.build();
        }
    }

    private final RoomContext room;
    /** Who is ready, by participant id, with their name, in the order they said so. */
    private final Map<String, String> ready = new LinkedHashMap<>();
    private Running running;
    private RoomTimer pendingAnnouncement;

    TimerModule(RoomContext room) {
        this.room = room;
    }

    @Override
    public void onMessage(InboundMessage message) {
        switch (message.type()) {
            case "start" -> start(message);
            case "stop" -> stop(message);
            case "ready" -> ready(message);
            default -> throw MessageRefusedException.unknownType(message);
        }
    }

    private void start(InboundMessage message) {
        Participant sender = message.sender();
        if (!sender.isModerator()) {
            throw MessageRefusedException.forbidden("only moderators can start a timer");
        }
        if (running != null) {
            throw MessageRefusedException.conflict("a timer is running; stop it before starting another");
        }
        TimerRequest request = TimerRequest.parse(message.body());
        String id = UUID.randomUUID().toString();
        Duration runFor = request.duration().orElse(LIMIT);
        EndReason when = request.kind() == TimerRequest.Kind.COUNTDOWN ? EndReason.ELAPSED : EndReason.LIMIT_REACHED;
        RoomTimer end = room.schedule(runFor, () -> {
            if (running != null && running.id().equals(id)) {
                end(when, null);
            }
        });
        running = new Running(id, request, room.clock().instant(), sender.id(), sender.displayName(), end);
        ready.clear();
        room.sendToAll("started", JsonObject.of("timer", running.view(), "serverTime", room.clock().instant().toString()));
    }

    private void stop(InboundMessage message) {
        Fields.allowOnly(message.body(), STOP_FIELDS);
        if (!message.sender().isModerator()) {
            throw MessageRefusedException.forbidden("only moderators can stop the timer");
        }
        if (running == null) {
            throw MessageRefusedException.conflict("no timer is running");
        }
        end(EndReason.STOPPED, message.sender());
    }

    private void ready(InboundMessage message) {
        JsonObject body = Fields.allowOnly(message.body(), READY_FIELDS);
        boolean isReady = body.getBoolean("ready");
        if (running == null) {
            throw MessageRefusedException.conflict("no timer is running");
        }
        Participant sender = message.sender();
        boolean changed = isReady ? ready.putIfAbsent(sender.id(), sender.displayName()) == null : ready.remove(sender.id()) != null;
        if (changed) {
            announceReadiness();
        }
    }

    private void end(EndReason reason, Participant stoppedBy) {
        Running timer = running;
        running = null;
        timer.end().cancel();
        cancelPendingAnnouncement();
        Instant now = room.clock().instant();
        JsonObject.Builder b = JsonObject.builder().put("timerId", timer.id()).put("reason", reason.wireName())
                .put("endedAt", now.toString()).put("elapsedSeconds", Duration.between(timer.startedAt(), now).toSeconds())
                .put("readyCount", ready.size()).put("total", room.participants().size());
        if (stoppedBy != null) {
            b.put("stoppedBy", JsonObject.of("participantId", stoppedBy.id(), "name", stoppedBy.displayName()));
        }
        ready.clear();
        room.sendToAll("ended", b.build());
    }

    private void announceReadiness() {
        cancelPendingAnnouncement();
        room.sendToAll("ready_changed", readiness(JsonObject.builder().put("timerId", running.id())).build());
    }

    /** Announces the count after {@link #ANNOUNCE_INTERVAL}, once for all joins and leaves until then. */
    private void announceSoon() {
        if (running != null && (pendingAnnouncement == null || !pendingAnnouncement.isPending())) {
            pendingAnnouncement = room.schedule(ANNOUNCE_INTERVAL, () -> {
                if (running != null) {
                    announceReadiness();
                }
            });
        }
    }

    private void cancelPendingAnnouncement() {
        if (pendingAnnouncement != null) {
            pendingAnnouncement.cancel();
            pendingAnnouncement = null;
        }
    }

    /** readyCount, total, allReady and, unless anonymous, who; the list is left out if it would not fit into a frame. */
    private JsonObject.Builder readiness(JsonObject.Builder b) {
        int total = room.participants().size();
        b.put("readyCount", ready.size()).put("total", total).put("allReady", total > 0 && ready.size() == total);
        if (!running.request().anonymousReady()) {
            var who = ready.entrySet().stream().map(e -> JsonObject.of("participantId", e.getKey(), "name", e.getValue())).toList();
            JsonValue list = JsonValue.from(who);
            if (list.toJson().getBytes(StandardCharsets.UTF_8).length < RoomContext.MAX_BODY_BYTES - 1024) {
                b.put("ready", list);
            } else {
                b.put("readyOmitted", true);
            }
        }
        return b;
    }

    @Override
    public void onJoin(Participant participant) {
        announceSoon();
    }

    @Override
    public void onLeave(Participant participant, LeaveReason reason) {
        ready.remove(participant.id());
        announceSoon();
    }

    /** The running timer, who is ready and whether this participant is; empty when no timer runs. */
    @Override
    public Optional<JsonObject> joinSnapshot(Participant participant) {
        if (running == null) {
            return Optional.empty();
        }
        JsonObject.Builder b = JsonObject.builder().put("timer", running.view()).put("serverTime", room.clock().instant().toString())
                .put("youAreReady", ready.containsKey(participant.id()));
        return Optional.of(readiness(b).build());
    }

    @Override
    public void onRoomClosing() {
        if (running != null) {
            end(EndReason.MEETING_ENDED, null);
        }
    }

    @Override
    public void onPluginStopping() {
        if (running != null) {
            end(EndReason.PLUGIN_STOPPED, null);
        }
    }

    /** Whether a timer runs (for tests and diagnostics). */
    public boolean isRunning() {
        return running != null;
    }
}
