package org.plenum.core.plugin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.plenum.api.PluginId;
import org.plenum.api.event.EventBus;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Audience;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.Recording;
import org.plenum.api.room.RecordingKind;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RefusalCode;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomTimer;

/**
 * A room as one plugin's module sees it. Sends made during a call are collected and go out when the
 * call returns in time, so a call that is abandoned for hanging sends nothing half-done. Used from the
 * call's own thread only (the module's "room thread"); {@link #execute}, {@link #offload} and
 * {@link #onComplete} are the ways back from anywhere else.
 */
final class PluginRoomContext implements RoomContext {

    private final RoomPlugins.Slot slot;
    private final RoomPort port;
    private final ActivePlugin plugin;
    private final String ns;

    /** The thread of the call in progress, or null between calls. */
    private volatile Thread callThread;
    private List<Runnable> pending = new ArrayList<>();
    private final List<RoomTimer> timers = new ArrayList<>();
    /** Whether the message being handled was answered by the plugin (reply or refuse). */
    private boolean answered;

    PluginRoomContext(RoomPlugins.Slot slot, RoomPort port, ActivePlugin plugin) {
        this.slot = slot;
        this.port = port;
        this.plugin = plugin;
        this.ns = plugin.id().value();
    }

    // ---- call bracketing, by RoomPlugins on the room's thread

    void enter(Thread t) {
        callThread = t;
    }

    /** Ends a call that returned: its sends go out. */
    boolean finish() {
        callThread = null;
        List<Runnable> out = pending;
        pending = new ArrayList<>();
        out.forEach(Runnable::run);
        boolean a = answered;
        answered = false;
        return a;
    }

    /** Ends a call that was given up: nothing it sent goes out, and later use fails. */
    void abandon() {
        callThread = null;
        pending = new ArrayList<>();
        cancelTimers();
    }

    void cancelTimers() {
        timers.forEach(RoomTimer::cancel);
        timers.clear();
    }

    void checkThread() {
        if (Thread.currentThread() != callThread) {
            throw new IllegalStateException("RoomContext of plugin " + ns + " is for the room's thread (inside a module callback); "
                    + "from other threads use execute(), offload() or onComplete()");
        }
    }

    // ---- RoomContext

    @Override
    public PluginId pluginId() {
        return plugin.id();
    }

    @Override
    public String roomId() {
        return port.roomId();
    }

    @Override
    public UUID tenantId() {
        return port.tenantId();
    }

    @Override
    public Clock clock() {
        return port.clock();
    }

    @Override
    public JsonObject settings() {
        return plugin.settings().apply(port.tenantId());
    }

    @Override
    public List<Participant> participants() {
        checkThread();
        return port.participants();
    }

    @Override
    public Optional<Participant> participant(String participantId) {
        checkThread();
        return port.participant(participantId);
    }

    @Override
    public void send(Audience to, String type, JsonObject body) {
        checkThread();
        RoomContext.checkMessageType(type);
        String json = RoomContext.checkBodySize(body).toJson();
        if (slot.mayFlood()) {
            pending.add(() -> port.send(to, ns, type, json));
        }
    }

    @Override
    public void reply(InboundMessage message, String type, JsonObject body) {
        checkThread();
        RoomContext.checkMessageType(type);
        String json = RoomContext.checkBodySize(body).toJson();
        answered = true;
        String re = message.id().orElse(null);
        pending.add(() -> port.reply(message.sender().id(), ns, re, type, json));
    }

    @Override
    public void refuse(InboundMessage message, RefusalCode code, String reason) {
        checkThread();
        answered = true;
        String re = message.id().orElse(null);
        String text = reason == null || reason.isBlank() ? code.wireName() : reason;
        pending.add(() -> port.refuse(message.sender().id(), ns, re, code.wireName(), text));
    }

    @Override
    public RoomTimer schedule(Duration delay, Runnable task) {
        checkThread();
        return track(new Timer(delay, null, task));
    }

    @Override
    public RoomTimer scheduleRepeating(Duration period, Runnable task) {
        checkThread();
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a repeating timer needs a positive period");
        }
        return track(new Timer(period, period, task));
    }

    @Override
    public <T> void offload(Callable<? extends T> work, BiConsumer<? super T, ? super Throwable> then) {
        slot.background(() -> {
            T result = null;
            Throwable failure = null;
            try {
                result = work.call();
            } catch (Throwable t) {
                failure = t;
            }
            T r = result;
            Throwable f = failure;
            port.post(() -> slot.invoke("offload", () -> then.accept(r, f)));
        });
    }

    @Override
    public <T> void onComplete(CompletionStage<? extends T> stage, BiConsumer<? super T, ? super Throwable> then) {
        stage.whenComplete((r, f) -> port.post(() -> slot.invoke("onComplete", () -> then.accept(r, f))));
    }

    @Override
    public void execute(Runnable task) {
        port.post(() -> slot.invoke("execute", task::run));
    }

    @Override
    public Recording startRecording(RecordingKind kind, String label) {
        checkThread();
        return slot.recordings().start(slot, kind, label);
    }

    @Override
    public List<Recording> recordings() {
        checkThread();
        return slot.recordings().of(slot);
    }

    @Override
    public EventBus events() {
        return plugin.events();
    }

    private RoomTimer track(Timer t) {
        timers.removeIf(x -> !x.isPending());
        timers.add(t);
        t.arm();
        return t;
    }

    /** A timer on the room's thread; repeating ones re-arm after each run. */
    private final class Timer implements RoomTimer {
        private final Duration delay;
        private final Duration period;
        private final Runnable task;
        private volatile boolean cancelled;
        private volatile boolean fired;
        private volatile RoomPort.Cancellable scheduled;

        Timer(Duration delay, Duration period, Runnable task) {
            this.delay = delay;
            this.period = period;
            this.task = task;
        }

        void arm() {
            scheduled = port.schedule(scheduled == null ? delay : period, this::fire);
        }

        private void fire() {
            if (cancelled) {
                return;
            }
            if (period == null) {
                fired = true;
            }
            slot.invoke("timer", task::run);
            if (period != null && !cancelled) {
                arm();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            RoomPort.Cancellable s = scheduled;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public boolean isPending() {
            return !cancelled && !fired;
        }
    }
}
