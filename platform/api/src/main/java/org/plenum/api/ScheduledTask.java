package org.plenum.api;

/**
 * A task scheduled with {@link PluginContext#schedule} or {@link PluginContext#scheduleRepeating},
 * for example a nightly retention job. All of a plugin's scheduled tasks are cancelled when it stops.
 * {@snippet :
 * ScheduledTask purge = context.scheduleRepeating(Duration.ofMinutes(1), Duration.ofHours(1), this::deleteExpiredDrafts);
 * // ...
 * purge.cancel();
 * }
 * Implemented by the host.
 */
public interface ScheduledTask {

    /** Prevents further runs; a run in progress completes. Idempotent. */
    void cancel();

    /** Whether {@link #cancel()} was called (or the plugin stopped). */
    boolean isCancelled();
}
