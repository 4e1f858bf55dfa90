package org.plenum.sdk.tester;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.plenum.api.ScheduledTask;
import org.plenum.api.room.RoomTimer;

/**
 * The tester's stand-in for the host's threads, run on the test's own thread like Netty's
 * {@code EmbeddedChannel}: a queue for the room's thread, a queue for the plugin's executor and
 * virtual timers. It also knows "where" code is running, so that contract violations (room state
 * touched from background work, blocking calls on the room thread) fail loudly.
 */
final class RoomLoop {

    /** Which simulated thread is running. */
    enum Where {
        /** The test itself, between simulated events. */
        TEST("the test"),
        /** The room's thread: module callbacks, room timers, offload completions. */
        ROOM("the room's thread"),
        /** The plugin's executor: offloaded work, plugin-level event handlers and tasks. */
        BACKGROUND("the plugin's executor"),
        /** An HTTP request thread. */
        REQUEST("an HTTP request thread"),
        /** The host's thread: Plugin.start and stop. */
        HOST("the host's thread");

        final String description;

        Where(String description) {
            this.description = description;
        }
    }

    /** Far more than any sensible module needs to go idle; beyond it, something reschedules itself forever. */
    private static final int MAX_TASKS_PER_DRAIN = 100_000;

    private final VirtualClock clock;
    private final boolean tolerateFailures;
    private final Consumer<String> log;
    private final Queue<Runnable> roomQueue = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> backgroundQueue = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<VirtualTimer> timers = new PriorityQueue<>(
            Comparator.comparing((VirtualTimer t) -> t.due).thenComparingLong(t -> t.order));
    private final List<Throwable> failures = new ArrayList<>();
    private boolean autoBackground;
    private Where where = Where.TEST;
    private boolean draining;
    private long timerOrder;
    private Throwable pending;

    RoomLoop(VirtualClock clock, boolean autoBackground, boolean tolerateFailures, Consumer<String> log) {
        this.clock = clock;
        this.autoBackground = autoBackground;
        this.tolerateFailures = tolerateFailures;
        this.log = log;
    }

    Where where() {
        return where;
    }

    boolean isDraining() {
        return draining;
    }

    /** Queues work for the room's thread; any thread may call it. */
    void postRoom(String what, Runnable task) {
        roomQueue.add(() -> runAs(Where.ROOM, what, task));
    }

    /** Queues work for the plugin's executor; any thread may call it. */
    void postBackground(String what, Runnable task) {
        backgroundQueue.add(() -> runAs(Where.BACKGROUND, what, task));
    }

    /** Runs {@code task} as if on thread {@code w}; what it throws is a plugin failure. */
    void runAs(Where w, String what, Runnable task) {
        Where before = where;
        where = w;
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            failure(what, e);
        } finally {
            where = before;
        }
    }

    VirtualTimer schedule(Instant due, Duration period, boolean onRoomThread, String what, Runnable task) {
        VirtualTimer t = new VirtualTimer(due, period, onRoomThread, what, task, timerOrder++);
        timers.add(t);
        return t;
    }

    void cancelTimers(Predicate<VirtualTimer> which) {
        for (VirtualTimer t : List.copyOf(timers)) {
            if (which.test(t)) {
                t.cancel();
            }
        }
    }

    /** Runs room tasks, due timers and (unless held) background work until nothing is left. */
    void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            for (int n = 0; ; n++) {
                if (n > MAX_TASKS_PER_DRAIN) {
                    throw new IllegalStateException("more than " + MAX_TASKS_PER_DRAIN + " tasks ran without the room going idle; "
                            + "does the module schedule work or timers for itself without end?");
                }
                Runnable r = roomQueue.poll();
                if (r != null) {
                    r.run();
                    continue;
                }
                if (fireOneDueTimer()) {
                    continue;
                }
                if (autoBackground) {
                    Runnable b = backgroundQueue.poll();
                    if (b != null) {
                        b.run();
                        continue;
                    }
                }
                return;
            }
        } finally {
            draining = false;
        }
    }

    /** Moves the clock to {@code target}, firing every timer due on the way at its due time. */
    void advanceTo(Instant target) {
        drain();
        while (true) {
            VirtualTimer next = nextPendingTimer();
            if (next == null || next.due.isAfter(target)) {
                break;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            drain();
        }
        clock.set(target);
        drain();
    }

    void holdBackgroundWork(boolean hold) {
        autoBackground = !hold;
    }

    int pendingBackgroundWork() {
        return backgroundQueue.size();
    }

    /** Runs held background work and what follows from it; returns how many background tasks ran. */
    int runBackgroundWork() {
        int ran = 0;
        Runnable b;
        while ((b = backgroundQueue.poll()) != null) {
            b.run();
            ran++;
            drain();
        }
        return ran;
    }

    void failure(String what, Throwable t) {
        log.accept("ERROR plugin failed in " + what + ": " + t);
        if (tolerateFailures) {
            failures.add(t);
        } else if (pending == null) {
            pending = t;
        } else if (pending != t) {
            pending.addSuppressed(t);
        }
    }

    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Throws the first plugin failure since the last call, so that the test that caused it fails. */
    void rethrowPending() {
        if (draining || pending == null) {
            return;
        }
        Throwable t = pending;
        pending = null;
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("the plugin failed: " + t, t);
    }

    private VirtualTimer nextPendingTimer() {
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        return timers.peek();
    }

    private boolean fireOneDueTimer() {
        VirtualTimer t = nextPendingTimer();
        if (t == null || t.due.isAfter(clock.instant())) {
            return false;
        }
        timers.poll();
        if (t.period != null) {
            t.due = t.due.plus(t.period);
            timers.add(t);
        } else {
            t.fired = true;
        }
        if (t.onRoomThread) {
            postRoom(t.what, () -> {
                if (!t.cancelled) {
                    t.task.run();
                }
            });
        } else {
            postBackground(t.what, () -> {
                if (!t.cancelled) {
                    t.task.run();
                }
            });
        }
        return true;
    }

    /** A virtual timer: a room timer or a plugin-level scheduled task. */
    static final class VirtualTimer implements RoomTimer, ScheduledTask {

        private Instant due;
        private final Duration period;
        final boolean onRoomThread;
        private final String what;
        private final Runnable task;
        private final long order;
        private volatile boolean cancelled;
        private volatile boolean fired;

        VirtualTimer(Instant due, Duration period, boolean onRoomThread, String what, Runnable task, long order) {
            this.due = due;
            this.period = period;
            this.onRoomThread = onRoomThread;
            this.what = what;
            this.task = task;
            this.order = order;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isPending() {
            return !cancelled && (period != null || !fired);
        }
    }
}
