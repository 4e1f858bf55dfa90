package org.plenum.core.room;

/**
 * A partial update of a room; {@code null} fields stay as they are. An empty password removes it.
 */
public record RoomChanges(String title, String password, WaitingRoomPolicy waitingRoom, Boolean locked) {
}
