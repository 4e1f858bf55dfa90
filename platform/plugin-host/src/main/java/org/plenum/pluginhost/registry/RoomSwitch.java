package org.plenum.pluginhost.registry;

import org.plenum.api.PluginId;

/** A room where an enabled plugin was switched off (or explicitly on again). */
public record RoomSwitch(PluginId plugin, String roomId, boolean enabled) {
}
