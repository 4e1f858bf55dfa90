package org.plenum.core.plugin;

import org.plenum.api.PluginId;

/**
 * Receives every failure of a plugin's code seen by the rooms, so the host can count them, show them to
 * admins and trip its circuit breaker. Called on the room's thread: must not block.
 */
public interface PluginFaults {

    /** What went wrong in a call into the plugin. */
    enum Kind {
        /** The plugin threw. */
        THREW,
        /** The plugin did not return within the time bound; its room module is abandoned in that room. */
        TIMED_OUT,
        /** The plugin sent more than its share of messages. */
        FLOODED
    }

    /**
     * @param where which hook or action failed, e.g. {@code onMessage} or {@code timer}
     * @param cause the exception, or null for timeouts and floods
     */
    void failed(PluginId plugin, String roomId, Kind kind, String where, Throwable cause);
}
