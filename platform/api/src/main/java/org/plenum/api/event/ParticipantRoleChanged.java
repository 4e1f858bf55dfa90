package org.plenum.api.event;

import java.util.Objects;
import java.util.UUID;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Role;

/**
 * A moderator changed a participant's role.
 * {@snippet :
 * context.events().subscribe(ParticipantRoleChanged.class, changed ->
 *         log.log(System.Logger.Level.INFO, "role changed in room " + changed.roomId() + " to " + changed.participant().role()));
 * }
 *
 * @param tenantId    the room's tenant
 * @param roomId      the room
 * @param participant the participant with the new role
 * @param previous    the role before
 */
public record ParticipantRoleChanged(UUID tenantId, String roomId, Participant participant, Role previous) implements CoreEvent {

    /** All fields are required. */
    public ParticipantRoleChanged {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(previous, "previous");
    }
}
