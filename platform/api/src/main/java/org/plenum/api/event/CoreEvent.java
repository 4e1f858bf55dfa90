package org.plenum.api.event;

/**
 * An event published by the core, never by plugins (the family is sealed, so plugins cannot forge
 * one). Room modules learn the same things earlier, through their callbacks; these records are
 * for plugin-level code that keeps track of rooms, such as attendance lists or archiving.
 * {@snippet :
 * context.events().subscribe(ParticipantLeft.class, left ->
 *         attendance.recordDeparture(left.tenantId(), left.roomId(), left.participant().id(), clock.instant()));
 * }
 * New core events are added in minor API versions: subscribe to the records you need rather than
 * switching exhaustively over this interface.
 */
public sealed interface CoreEvent extends RoomScopedEvent
        permits RoomOpened, RoomClosed, ParticipantJoined, ParticipantLeft, ParticipantRoleChanged {
}
