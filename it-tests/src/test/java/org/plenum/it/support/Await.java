package org.plenum.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for a condition with a bound: probes until it holds or the time is up, never a fixed sleep. */
public final class Await {

    private static final Duration PAUSE = Duration.ofMillis(250);

    private Await() {
    }

    /**
     * Probes until {@code probe} gives a value.
     *
     * @throws IllegalStateException naming {@code what} when {@code timeout} passes first
     */
    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(PAUSE); // the pause between two probes, not a guess at how long something takes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * Probes a growing counter until it stays the same for {@code quiet}: the stream it counts has stopped.
     *
     * @throws IllegalStateException naming {@code what} when it still grows after {@code timeout}
     */
    public static long settled(String what, Supplier<Long> counter, Duration quiet, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long last = counter.get();
        Instant since = Instant.now();
        while (true) {
            try {
                Thread.sleep(PAUSE); // the pause between two probes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            long now = counter.get();
            if (now != last) {
                last = now;
                since = Instant.now();
            } else if (Duration.between(since, Instant.now()).compareTo(quiet) >= 0) {
                return now;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up after " + timeout.toSeconds() + " s waiting for " + what + " to stop growing");
            }
        }
    }
}
