package org.plenum.core.plugin;

import java.util.List;
import java.util.UUID;

/**
 * What the plugin host offers the rooms: the plugins whose room modules belong in a given room right
 * now (installed, active, available to and enabled by the room's tenant). The core asks when a room
 * opens and again whenever the host reports a change; it never sees how plugins are loaded.
 */
@FunctionalInterface
public interface RoomModuleProvider {

    /** No plugins at all: the core without a plugin host. */
    RoomModuleProvider NONE = (tenantId, roomId) -> List.of();

    List<ActivePlugin> activeFor(UUID tenantId, String roomId);

    /**
     * Why a plugin that was active is no longer: {@code failed} when it was stopped for its failures (the
     * circuit breaker), else {@code disabled}. What rooms say in {@code control/plugin_stopped}.
     */
    default String stopReason(org.plenum.api.PluginId plugin) {
        return "disabled";
    }
}
