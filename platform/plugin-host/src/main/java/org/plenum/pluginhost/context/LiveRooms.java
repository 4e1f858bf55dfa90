package org.plenum.pluginhost.context;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.plenum.api.PluginId;
import org.plenum.api.room.RoomModule;

/**
 * What the signaling core tells the plugin host about live rooms, for {@code PluginContext.rooms()}.
 * The server hands the signaling core's ({@link SignalingLiveRooms}) to {@code PluginHost.useLiveRooms}; until then
 * {@link #NONE} answers "not live" and refuses {@code call}.
 */
public interface LiveRooms {

    /** Nothing is known about live rooms. */
    LiveRooms NONE = new LiveRooms() {
        @Override
        public boolean isLive(String roomId) {
            return false;
        }

        @Override
        public Set<String> withModuleOf(PluginId plugin, UUID tenantId) {
            return Set.of();
        }

        @Override
        public <M extends RoomModule, T> CompletionStage<T> call(PluginId plugin, String roomId, Class<M> moduleType,
                                                                 Function<? super M, ? extends T> action) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "reaching a live room's module from outside the room (RoomDirectory.call) is not available in this server yet"));
        }
    };

    /** Whether a meeting is going on in the room now. */
    boolean isLive(String roomId);

    /** The tenant's live rooms that have a module of the plugin. */
    Set<String> withModuleOf(PluginId plugin, UUID tenantId);

    /** Runs {@code action} on the room's thread with the plugin's module of that room (see {@code RoomDirectory.call}). */
    <M extends RoomModule, T> CompletionStage<T> call(PluginId plugin, String roomId, Class<M> moduleType,
                                                      Function<? super M, ? extends T> action);
}
