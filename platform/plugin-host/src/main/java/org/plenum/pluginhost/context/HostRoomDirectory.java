package org.plenum.pluginhost.context;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.plenum.api.PluginId;
import org.plenum.api.http.Caller;
import org.plenum.api.room.RoomDirectory;
import org.plenum.api.room.RoomInfo;
import org.plenum.api.room.RoomModule;
import org.plenum.core.access.AccessRules;
import org.plenum.core.error.Problem;
import org.plenum.core.room.Room;
import org.plenum.core.room.Rooms;
import org.plenum.core.user.PlatformRole;

/** {@code PluginContext.rooms()}: the core's rooms through the core's access rules, and live rooms through {@link LiveRooms}. */
final class HostRoomDirectory implements RoomDirectory {

    private final PluginId plugin;
    private final Rooms rooms;
    private final Supplier<LiveRooms> live;

    HostRoomDirectory(PluginId plugin, Rooms rooms, Supplier<LiveRooms> live) {
        this.plugin = plugin;
        this.rooms = rooms;
        this.live = live;
    }

    @Override
    public Optional<RoomInfo> find(String roomId, Caller caller) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(caller, "caller");
        org.plenum.core.access.Caller c = coreCaller(caller);
        try {
            Room room = rooms.get(c, roomId);
            return Optional.of(new RoomInfo(room.id(), room.tenantId(), room.title(), live.get().isLive(room.id()),
                    AccessRules.canManageRoom(c, room)));
        } catch (Problem p) {
            if (p.kind() == Problem.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw p;
        }
    }

    @Override
    public Set<String> liveRooms(UUID tenantId) {
        return Set.copyOf(live.get().withModuleOf(plugin, Objects.requireNonNull(tenantId, "tenantId")));
    }

    @Override
    public <M extends RoomModule, T> CompletionStage<T> call(String roomId, Class<M> moduleType, Function<? super M, ? extends T> action) {
        return live.get().call(plugin, roomId, moduleType, action);
    }

    /** The SPI's caller as the core's: the same user, tenant and role. */
    static org.plenum.core.access.Caller coreCaller(Caller c) {
        return new org.plenum.core.access.Caller(c.userId(), c.tenantId(), c.displayName(), PlatformRole.valueOf(c.role().name()));
    }
}
