package org.plenum.sdk.tester;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.plenum.api.PluginId;
import org.plenum.api.event.EventBus;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Audience;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Recording;
import org.plenum.api.room.RecordingKind;
import org.plenum.api.room.RefusalCode;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomTimer;

/** The room as the module sees it in the tester; enforces the room-thread rule. */
final class TesterRoomContext implements RoomContext {

    private final PluginId pluginId;
    private final RoomState room;
    private final RoomLoop loop;
    private final JsonObject settings;
    private final EventBus events;

    TesterRoomContext(PluginId pluginId, RoomState room, RoomLoop loop, JsonObject settings, EventBus events) {
        this.pluginId = pluginId;
        this.room = room;
        this.loop = loop;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public PluginId pluginId() {
        return pluginId;
    }

    @Override
    public String roomId() {
        return room.roomId;
    }

    @Override
    public UUID tenantId() {
        return room.tenantId;
    }

    @Override
    public Clock clock() {
        return room.clock;
    }

    @Override
    public JsonObject settings() {
        return settings;
    }

    @Override
    public List<Participant> participants() {
        onRoomThread("participants");
        return List.copyOf(room.participants.values());
    }

    @Override
    public Optional<Participant> participant(String participantId) {
        onRoomThread("participant");
        return Optional.ofNullable(room.participants.get(participantId));
    }

    @Override
    public void send(Audience to, String type, JsonObject body) {
        onRoomThread("send");
        Objects.requireNonNull(to, "to");
        RoomContext.checkMessageType(type);
        RoomContext.checkBodySize(Objects.requireNonNull(body, "body"));
        active("send");
        room.record(to, type, body, Optional.empty());
    }

    @Override
    public void reply(InboundMessage message, String type, JsonObject body) {
        onRoomThread("reply");
        RoomContext.checkMessageType(type);
        RoomContext.checkBodySize(Objects.requireNonNull(body, "body"));
        active("reply");
        room.record(Audience.participant(message.sender().id()), type, body, message.id());
    }

    @Override
    public void refuse(InboundMessage message, RefusalCode code, String reason) {
        onRoomThread("refuse");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        active("refuse");
        room.recordError(message.sender(), message.id(), code.wireName(), reason);
    }

    @Override
    public RoomTimer schedule(Duration delay, Runnable task) {
        onRoomThread("schedule");
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a timer's delay must not be negative: " + delay);
        }
        active("schedule");
        return loop.schedule(room.clock.instant().plus(delay), null, true, "room timer", whileActive(task));
    }

    @Override
    public RoomTimer scheduleRepeating(Duration period, Runnable task) {
        onRoomThread("scheduleRepeating");
        Objects.requireNonNull(task, "task");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a repeating timer's period must be positive: " + period);
        }
        active("scheduleRepeating");
        return loop.schedule(room.clock.instant().plus(period), period, true, "repeating room timer", whileActive(task));
    }

    @Override
    public <T> void offload(Callable<? extends T> work, BiConsumer<? super T, ? super Throwable> then) {
        onRoomThread("offload");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(then, "then");
        active("offload");
        loop.postBackground("offloaded work", () -> {
            T result = null;
            Throwable failure = null;
            try {
                result = work.call();
            } catch (Exception | Error e) {
                failure = e;
            }
            T r = result;
            Throwable f = failure;
            loop.postRoom("offload completion", whileActive(() -> then.accept(r, f)));
        });
    }

    @Override
    public <T> void onComplete(CompletionStage<? extends T> stage, BiConsumer<? super T, ? super Throwable> then) {
        onRoomThread("onComplete");
        Objects.requireNonNull(then, "then");
        active("onComplete");
        stage.whenComplete((r, t) -> loop.postRoom("completion", whileActive(() ->
                then.accept(r, t instanceof CompletionException && t.getCause() != null ? t.getCause() : t))));
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        loop.postRoom("execute", whileActive(task));
    }

    @Override
    public Recording startRecording(RecordingKind kind, String label) {
        onRoomThread("startRecording");
        if (kind == null) {
            throw new IllegalArgumentException("a recording needs a kind (RecordingKind.RECORDING, TRANSCRIPTION or STREAMING)");
        }
        String checked = Recording.checkLabel(label);
        if (room.module != null || !room.open) {
            // allowed in the factory too (the host announces it at once), but not once the module is gone
            active("startRecording");
        }
        long mine = room.recordings.stream().filter(Recording::isActive).count();
        if (mine >= MAX_ACTIVE_RECORDINGS) {
            throw new IllegalStateException("plugin " + pluginId + " already has " + mine + " active recordings in this room; stop one first");
        }
        DeclaredRecording.Handle h = new DeclaredRecording.Handle("rec-" + (room.recordings.size() + 1), kind, checked,
                room.clock.instant(), () -> onRoomThread("Recording.stop"), room.clock::instant);
        room.recordings.add(h);
        return h;
    }

    @Override
    public List<Recording> recordings() {
        onRoomThread("recordings");
        return room.recordings.stream().filter(Recording::isActive).map(r -> (Recording) r).toList();
    }

    @Override
    public EventBus events() {
        return events;
    }

    private Runnable whileActive(Runnable task) {
        return () -> {
            if (room.moduleActive) {
                task.run();
            }
        };
    }

    private void active(String method) {
        if (!room.moduleActive) {
            throw new IllegalStateException("RoomContext." + method + " after the module was closed (room closed or plugin stopped)");
        }
    }

    private void onRoomThread(String method) {
        if (loop.where() != RoomLoop.Where.ROOM) {
            throw new IllegalStateException("RoomContext." + method + " was called from " + loop.where().description
                    + ", not the room's thread. Room state may be touched only in the module's callbacks, timers and offload "
                    + "completions; from elsewhere, get back with room.execute(...) or offload's callback.");
        }
    }
}
