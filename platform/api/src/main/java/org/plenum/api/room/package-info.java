/**
 * Per-room modules: what a plugin does inside one live meeting, on the room's thread. See {@link org.plenum.api.room.RoomModule} for the threading contract.
 */
package org.plenum.api.room;
