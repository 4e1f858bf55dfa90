package org.plenum.core.signaling;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Counts rate-limited frames in a sliding window. One burst over the limit is tolerated (the client gets
 * {@code rate_limited} errors); more than {@code max} within the window is abuse.
 */
final class RejectionWindow {

    private final int max;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Long> times = new ArrayDeque<>();

    RejectionWindow(int max, Duration window, LongSupplier nanoTime) {
        this.max = max;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Records one rejection; true when the window now holds more than {@code max}. */
    synchronized boolean recordAndCheck() {
        long now = nanoTime.getAsLong();
        times.addLast(now);
        while (!times.isEmpty() && now - times.peekFirst() > windowNanos) {
            times.removeFirst();
        }
        return times.size() > max;
    }
}
