package org.plenum.pluginhost.context;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.plenum.api.PluginId;
import org.plenum.api.room.RoomModule;
import org.plenum.core.signaling.SignalingHub;

/** The signaling core's live rooms, as {@code PluginContext.rooms()} sees them. */
public final class SignalingLiveRooms implements LiveRooms {

    private final SignalingHub hub;

    public SignalingLiveRooms(SignalingHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    @Override
    public boolean isLive(String roomId) {
        return hub.isLive(roomId);
    }

    @Override
    public Set<String> withModuleOf(PluginId plugin, UUID tenantId) {
        return hub.liveRoomsWithModule(tenantId, plugin);
    }

    @Override
    public <M extends RoomModule, T> CompletionStage<T> call(PluginId plugin, String roomId, Class<M> moduleType,
                                                             Function<? super M, ? extends T> action) {
        return hub.callModule(plugin, roomId, moduleType, action);
    }
}
