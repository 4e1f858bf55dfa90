package org.plenum.pluginhost.breaker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.api.PluginId;

/**
 * Counts a plugin's failures and says when it has failed too often: {@code failures} within
 * {@code window}, or a single timeout (a plugin that hung once may hang a room thread again). The
 * breaker only decides; the host disables the plugin. Cheap and non-blocking, because rooms report
 * failures from their threads.
 */
public final class CircuitBreaker {

    /**
     * The kinds of failure counted, as reported by rooms, HTTP handlers and event handlers; and
     * {@code LEAKED_THREAD}, a thread the plugin left running when it stopped (reported, never counted
     * toward the breaker: the plugin has stopped already).
     */
    public enum FailureKind {
        THREW, TIMED_OUT, FLOODED, LEAKED_THREAD;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final int failures;
    private final Duration window;
    private final Clock clock;
    private final Map<PluginId, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public CircuitBreaker(int failures, Duration window, Clock clock) {
        this.failures = failures;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Records a failure.
     *
     * @return why the plugin must be disabled now, or empty while it may go on
     */
    public Optional<String> record(PluginId plugin, FailureKind kind, String where) {
        if (kind == FailureKind.TIMED_OUT) {
            recent.remove(plugin);
            return Optional.of("it did not return in time (" + where + ")");
        }
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(plugin, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            Instant cutoff = now.minus(window);
            while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
                times.removeFirst();
            }
            if (times.size() >= failures) {
                times.clear();
                return Optional.of("it failed " + failures + " times within " + window.toSeconds() + " s (last: " + kind.wireName()
                        + " in " + where + ")");
            }
        }
        return Optional.empty();
    }

    /** Forgets a plugin's failures (it was restarted or removed). */
    public void reset(PluginId plugin) {
        recent.remove(plugin);
    }
}
