package org.plenum.core.plugin;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.plenum.api.PluginId;
import org.plenum.api.SemVer;
import org.plenum.api.event.EventBus;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RoomModuleFactory;

/**
 * One running plugin as the rooms see it. {@code generation} changes whenever the plugin is started
 * anew (update, re-enable), so a room can tell "same plugin, still running" from "restarted".
 *
 * @param classLoader set as the thread's context class loader for every call into the plugin
 * @param faults      where failures of this plugin's code are reported (the host's circuit breaker)
 * @param events      the plugin's event bus, handed to its room modules
 * @param settings    the plugin's settings for a tenant
 */
public record ActivePlugin(PluginId id, SemVer version, long generation, RoomModuleFactory factory, ClassLoader classLoader,
                           PluginFaults faults, EventBus events, Function<UUID, JsonObject> settings) {

    public ActivePlugin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(classLoader, "classLoader");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(settings, "settings");
    }
}
