package org.plenum.voting.api;

import java.util.UUID;
import org.plenum.api.room.Participant;

/**
 * Tells the voting plugin which participants are in the council chamber and which take part remotely, for
 * the Land rules of the tenant's policy profile ("no secret votes while anyone is remote", "remote members
 * take no part in elections"). Supplied by a council-session module through {@link VotingExtensions}. With
 * none registered, everyone connected through Plenum counts as remote: a video conference has no chamber.
 * Called on room threads: must answer from memory, quickly, and be thread-safe.
 * {@snippet :
 * extensions.registerAttendanceProvider((tenantId, roomId, participant) -> chamber.isSeated(roomId, participant.userId()));
 * }
 */
@FunctionalInterface
public interface AttendanceProvider {

    /** Whether {@code participant} is physically present in the chamber of the room's session; non-blocking. */
    boolean inChamber(UUID tenantId, String roomId, Participant participant);
}
