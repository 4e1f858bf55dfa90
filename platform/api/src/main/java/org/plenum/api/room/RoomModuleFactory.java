package org.plenum.api.room;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Creates a plugin's {@link RoomModule} for a room, registered once with
 * {@link org.plenum.api.PluginContext#roomModules}. The host calls it on the room's thread when a
 * room of a tenant that enabled the plugin opens. Returning empty leaves the room without the
 * plugin (for example when the tenant's settings switch it off for ad-hoc rooms); its namespace is
 * then unknown in that room.
 * {@snippet :
 * context.roomModules(room -> room.settings().optBoolean("enabled").orElse(true)
 *         ? Optional.of(new VotingModule(room, services))
 *         : Optional.empty());
 * // or, when every room gets one:
 * context.roomModules(RoomModuleFactory.always(HandCounter::new));
 * }
 * Implemented by plugins. Must not block (it runs on the room's thread).
 */
@FunctionalInterface
public interface RoomModuleFactory {

    /** The module for {@code room}, or empty for none. */
    Optional<RoomModule> create(RoomContext room);

    /** A factory that gives every room a module. */
    static RoomModuleFactory always(Function<? super RoomContext, ? extends RoomModule> constructor) {
        Objects.requireNonNull(constructor, "constructor");
        return room -> Optional.of(constructor.apply(room));
    }
}
