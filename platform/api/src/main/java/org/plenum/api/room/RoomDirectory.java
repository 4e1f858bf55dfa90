package org.plenum.api.room;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.plenum.api.http.Caller;

/**
 * Rooms as seen from outside a room's thread: for HTTP handlers and event handlers that need to
 * check access to a room or act on a live room's module.
 * {@snippet :
 * // an HTTP route that reads the running vote of a live room
 * context.http().get("/rooms/{roomId}/vote", request -> {
 *     String roomId = request.pathParameter("roomId");
 *     RoomInfo info = context.rooms().find(roomId, request.requireCaller())
 *             .orElseThrow(() -> HttpProblemException.notFound("no such room"));
 *     JsonObject state = context.rooms()
 *             .call(info.roomId(), VotingModule.class, VotingModule::publicState)
 *             .toCompletableFuture().get(5, TimeUnit.SECONDS);
 *     return HttpResponse.ok(state);
 * });
 * }
 * Implemented by the host.
 */
public interface RoomDirectory {

    /**
     * The room, if it exists and {@code caller} may see it: the core's own access rules, so a
     * room of another tenant is as absent as one that does not exist. Blocking (database).
     */
    java.util.Optional<RoomInfo> find(String roomId, Caller caller);

    /** The ids of a tenant's live rooms that have a module of this plugin. */
    Set<String> liveRooms(UUID tenantId);

    /**
     * Runs {@code action} on the room's thread with this plugin's module of that room, and
     * completes with its result. The action follows the room module rules (no blocking).
     * Completes exceptionally with {@link java.util.NoSuchElementException} when the room is not
     * live or has no module of this plugin, and with {@link ClassCastException} when the module is
     * not a {@code moduleType}.
     * Callable from any thread; never wait for the result on a room's thread.
     */
    <M extends RoomModule, T> CompletionStage<T> call(String roomId, Class<M> moduleType, Function<? super M, ? extends T> action);
}
