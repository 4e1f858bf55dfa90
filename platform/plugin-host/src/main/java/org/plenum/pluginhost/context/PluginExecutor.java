package org.plenum.pluginhost.context;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.plenum.api.PluginId;

/**
 * A plugin's executor: one virtual thread per task, at most {@code concurrency} running at once and
 * at most {@code queue} more waiting; the plugin's class loader as context class loader; failures
 * reported, never thrown at the submitter. Closing it refuses new tasks and interrupts running ones,
 * so no thread keeps the plugin's classes alive after it stopped.
 */
public final class PluginExecutor implements Executor, AutoCloseable {

    private final PluginId plugin;
    private final ClassLoader loader;
    private final Semaphore running;
    private final int limit;
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Consumer<Throwable> onFailure;
    private volatile boolean closed;

    public PluginExecutor(PluginId plugin, ClassLoader loader, int concurrency, int queue, Consumer<Throwable> onFailure) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.loader = loader;
        this.running = new Semaphore(concurrency);
        this.limit = concurrency + queue;
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new RejectedExecutionException("plugin " + plugin + " is stopped; its executor takes no more tasks");
        }
        if (pending.incrementAndGet() > limit) {
            pending.decrementAndGet();
            throw new RejectedExecutionException("plugin " + plugin + " has " + limit + " tasks running or waiting already");
        }
        try {
            Thread.ofVirtual().name("plugin-" + plugin.value()).start(() -> run(task));
        } catch (RuntimeException | Error e) {
            pending.decrementAndGet();
            throw e;
        }
    }

    private void run(Runnable task) {
        Thread me = Thread.currentThread();
        threads.add(me);
        me.setContextClassLoader(loader);
        try {
            if (closed) {
                return;
            }
            running.acquire();
            try {
                if (!closed) {
                    task.run();
                }
            } finally {
                running.release();
            }
        } catch (InterruptedException e) {
            // stopped while waiting for a turn
        } catch (Throwable t) {
            if (!closed) {
                onFailure.accept(t);
            }
        } finally {
            threads.remove(me);
            pending.decrementAndGet();
            me.setContextClassLoader(null);
        }
    }

    /** Tasks running or waiting. */
    public int pending() {
        return pending.get();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Refuses new tasks, interrupts running ones and waits up to {@code grace} for them to end. */
    public void close(Duration grace) {
        closed = true;
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : Set.copyOf(threads)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
