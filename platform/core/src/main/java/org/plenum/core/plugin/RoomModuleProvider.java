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
}
