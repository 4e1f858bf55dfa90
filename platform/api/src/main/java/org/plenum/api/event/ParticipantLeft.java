package org.plenum.api.event;

import java.util.Objects;
import java.util.UUID;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.Participant;

/**
 * A participant left a room for good.
 * {@snippet :
 * context.events().subscribe(ParticipantLeft.class, left -> {
 *     if (left.reason() == LeaveReason.TIMED_OUT) {
 *         faults.record(left.tenantId(), left.roomId(), left.participant().id());
 *     }
 * });
 * }
 *
 * @param tenantId    the room's tenant
 * @param roomId      the room
 * @param participant the participant's last state
 * @param reason      why they left
 */
public record ParticipantLeft(UUID tenantId, String roomId, Participant participant, LeaveReason reason) implements CoreEvent {

    /** All fields are required. */
    public ParticipantLeft {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(reason, "reason");
    }
}
