package org.plenum.api.event;

/**
 * An event about one room. Handlers registered through a room's
 * {@link org.plenum.api.room.RoomContext#events()} receive it only in that room.
 * {@snippet :
 * public record QuorumChanged(UUID tenantId, String roomId, int present, int required, boolean quorate)
 *         implements RoomScopedEvent {
 * }
 * }
 */
public interface RoomScopedEvent extends Event {

    /** The room the event is about. */
    String roomId();
}
