package org.plenum.media.testpeer;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting for a condition: polls until it holds or the time is up. Never a fixed sleep. */
public final class Await {

    private Await() {
    }

    /** Waits until {@code condition} holds; fails with {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            pause();
        }
    }

    /** Waits until {@code value} yields non-null; returns it. */
    public static <T> T value(String what, Duration timeout, Supplier<T> value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T v;
        while ((v = value.get()) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            pause();
        }
        return v;
    }

    private static void pause() {
        try {
            Thread.sleep(5); // the pause between two probes of a bounded wait, not a guess at how long something takes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
