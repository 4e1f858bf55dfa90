package org.plenum.api.room;

/**
 * Why a participant left a room ({@link RoomModule#onLeave}), as {@code control/participant_left}
 * tells the clients.
 * {@snippet :
 * public void onLeave(Participant p, LeaveReason reason) {
 *     if (p.id().equals(vote.initiatorId()) && reason != LeaveReason.LEFT) {
 *         handOverToDeputyOrCancel("the chair lost the connection");
 *     }
 * }
 * }
 * More reasons may come in minor API versions; a {@code switch} needs a {@code default} branch.
 */
public enum LeaveReason {
    /** Left on purpose. */
    LEFT,
    /** Lost the connection and did not come back within the reconnect grace period. */
    TIMED_OUT,
    /** Removed by a moderator. */
    KICKED,
    /** Removed and barred by a moderator. */
    BANNED,
    /**
     * The meeting ended for everyone. Only in {@link org.plenum.api.event.ParticipantLeft} events:
     * room modules get {@link RoomModule#onRoomClosing()} instead of one {@code onLeave} per person.
     */
    ROOM_CLOSED
}
