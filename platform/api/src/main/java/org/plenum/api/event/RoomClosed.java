package org.plenum.api.event;

import java.util.Objects;
import java.util.UUID;

/**
 * A meeting ended: the last participant left or a moderator ended it for everyone.
 * {@snippet :
 * context.events().subscribe(RoomClosed.class, closed -> archiveOpenVotes(closed.tenantId(), closed.roomId()));
 * }
 *
 * @param tenantId the room's tenant
 * @param roomId   the room
 */
public record RoomClosed(UUID tenantId, String roomId) implements CoreEvent {

    /** Both fields are required. */
    public RoomClosed {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(roomId, "roomId");
    }
}
