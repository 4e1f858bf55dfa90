package org.plenum.core.plugin;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every call into plugin code goes through here: on a fresh virtual thread whose context class loader
 * is the plugin's, bounded in time, with every exception caught. The room's thread waits for the
 * result, so room state stays single-threaded; a plugin that hangs costs the room at most the bound.
 */
public final class PluginCalls implements AutoCloseable {

    /** What became of a call. */
    public sealed interface Outcome {
    }

    public record Returned() implements Outcome {
    }

    public record Threw(Throwable cause) implements Outcome {
    }

    public record TimedOut() implements Outcome {
    }

    /** Plugin code that may throw anything. */
    @FunctionalInterface
    public interface PluginCode {
        void run() throws Exception;
    }

    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("plugin-call-", 0).factory());
    private final Duration bound;

    public PluginCalls(Duration bound) {
        this.bound = bound;
    }

    public Duration bound() {
        return bound;
    }

    public Outcome call(ClassLoader loader, PluginCode code) {
        Callable<Void> task = () -> {
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                code.run();
                return null;
            } finally {
                t.setContextClassLoader(previous);
            }
        };
        Future<Void> f;
        try {
            f = workers.submit(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return new Threw(e);
        }
        try {
            f.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            return new Returned();
        } catch (ExecutionException e) {
            return new Threw(e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            return new TimedOut();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return new TimedOut();
        }
    }

    /** Runs plugin code off the room's thread without a bound (offloaded work), still with its loader. */
    public void background(ClassLoader loader, Runnable work) {
        workers.execute(() -> {
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                work.run();
            } finally {
                t.setContextClassLoader(previous);
            }
        });
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
