package org.plenum.api.event;

import java.util.Objects;
import java.util.UUID;
import org.plenum.api.room.Participant;

/**
 * A participant was admitted to a room.
 * {@snippet :
 * context.events().subscribe(ParticipantJoined.class, joined ->
 *         attendance.recordArrival(joined.tenantId(), joined.roomId(), joined.participant().userId(), clock.instant()));
 * }
 *
 * @param tenantId    the room's tenant
 * @param roomId      the room
 * @param participant the participant as admitted
 */
public record ParticipantJoined(UUID tenantId, String roomId, Participant participant) implements CoreEvent {

    /** All fields are required. */
    public ParticipantJoined {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(participant, "participant");
    }
}
