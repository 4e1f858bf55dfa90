package org.plenum.api.event;

import java.util.Objects;
import java.util.UUID;

/**
 * A meeting began in a room (its first participant was admitted).
 * {@snippet :
 * context.events().subscribe(RoomOpened.class, opened -> sessions.begin(opened.tenantId(), opened.roomId()));
 * }
 *
 * @param tenantId the room's tenant
 * @param roomId   the room
 */
public record RoomOpened(UUID tenantId, String roomId) implements CoreEvent {

    /** Both fields are required. */
    public RoomOpened {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(roomId, "roomId");
    }
}
