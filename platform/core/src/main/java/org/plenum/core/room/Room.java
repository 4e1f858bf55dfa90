package org.plenum.core.room;

import java.time.Instant;
import java.util.UUID;

/**
 * A persistent meeting room. Its id is unguessable (128 random bits); knowing it grants nothing
 * without a login of the room's tenant or an invite.
 */
public record Room(String id, UUID tenantId, UUID ownerId, String title, boolean hasPassword,
                   WaitingRoomPolicy waitingRoom, boolean locked, DialIn dialIn, Instant createdAt, Instant updatedAt) {

    /** Telephone access for the SIP gateway: a numeric conference id and a PIN. */
    public record DialIn(String conferenceId, String pin) {
    }
}
