package org.plenum.pluginhost.registry;

import java.util.Locale;

/**
 * Where an installed plugin stands. Only {@link #ACTIVE} plugins run; the others say why not.
 * <pre>
 * install ──▶ INSTALLED ──load──▶ RESOLVED ──start──▶ ACTIVE
 *                                    ▲  (waits for a dependency)   │ disable      │ start threw, breaker tripped
 *                                    │                              ▼              ▼
 *                                    └──────── enable ────────── DISABLED        FAILED
 * </pre>
 * After a restart the host starts again every plugin that was {@link #ACTIVE} or {@link #RESOLVED};
 * {@link #FAILED} and {@link #DISABLED} plugins wait for an administrator.
 */
public enum PluginState {
    /** The jar is accepted and stored but the plugin was never loaded (an install in progress, or a failed reload). */
    INSTALLED,
    /** Loaded and checked, but not started: it waits for a dependency that is not running. */
    RESOLVED,
    /** Running: rooms, routes, events and services of tenants that enabled it. */
    ACTIVE,
    /** Stopped by a failure (it refused to start, or the circuit breaker tripped); the reason says which. */
    FAILED,
    /** Switched off by an administrator. */
    DISABLED;

    /** The lower-case name used in the database and in JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PluginState fromWireName(String s) {
        for (PluginState state : values()) {
            if (state.wireName().equals(s)) {
                return state;
            }
        }
        throw new IllegalArgumentException("not a plugin state: " + s);
    }

    /** Whether the host should start the plugin when the server starts. */
    public boolean wantsToRun() {
        return this == ACTIVE || this == RESOLVED;
    }
}
