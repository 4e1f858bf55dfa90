package org.plenum.pluginhost.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads a stopped plugin left running. A thread counts as the plugin's when its context class loader is the
 * plugin's: threads started by plugin code inherit it, because every call into a plugin runs with that loader as
 * context loader. The host itself calls plugins only on virtual threads, which this does not look at; so a
 * platform thread with the plugin's loader was started (or adopted) by the plugin.
 *
 * <p>Not found: virtual threads the plugin started itself, and threads whose context loader the plugin set to
 * something else. Plugins are trusted code; this catches the forgotten thread, not the hidden one.
 */
final class LeakedThreads {

    private LeakedThreads() {
    }

    /** Live platform threads whose context class loader is {@code loader}. */
    static List<Thread> of(ClassLoader loader) {
        Thread me = Thread.currentThread();
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != me && t.isAlive() && t.getContextClassLoader() == loader) {
                out.add(t);
            }
        }
        return out;
    }

    /** Interrupts the threads and waits up to {@code grace} in all for them to end; returns those still alive. */
    static List<Thread> interruptAndAwait(List<Thread> threads, Duration grace) {
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> alive = new ArrayList<>();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    alive.add(t);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                alive.add(t);
            }
        }
        return alive;
    }
}
