package org.plenum.pluginhost.context;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.plenum.api.ScheduledTask;

/**
 * The host's one timer thread. It only hands due tasks to the owning plugin's executor, so a slow
 * task delays nobody else. Cancelled tasks leave the queue at once, so a stopped plugin's tasks do
 * not keep its class loader alive.
 */
public final class TaskScheduler implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer;

    public TaskScheduler() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "plugin-timers");
            t.setDaemon(true);
            t.setContextClassLoader(TaskScheduler.class.getClassLoader());
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Schedules {@code task} on {@code executor} after {@code delay}, and every {@code period} if that is not null. */
    ScheduledTask schedule(Executor executor, Duration delay, Duration period, Runnable task) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the delay must not be negative: " + delay);
        }
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException("the period must be positive: " + period);
        }
        Handle handle = new Handle();
        Runnable hand = () -> {
            if (handle.cancelled) {
                return;
            }
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                // the plugin stopped or is overloaded: this run is skipped
            }
        };
        long delayNanos = delay.toNanos();
        handle.future = period == null
                ? timer.schedule(hand, delayNanos, TimeUnit.NANOSECONDS)
                : timer.scheduleAtFixedRate(hand, delayNanos, period.toNanos(), TimeUnit.NANOSECONDS);
        return handle;
    }

    /** Tasks waiting for their time (for tests and metrics). */
    public int queued() {
        return timer.getQueue().size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static final class Handle implements ScheduledTask {
        volatile ScheduledFuture<?> future;
        volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
