package org.plenum.core.room;

import java.util.Locale;

/** Who waits for admission before entering a room. */
public enum WaitingRoomPolicy {
    /** Nobody waits. */
    OFF,
    /** Guests (invite links, dial-in) wait; members of the room's tenant enter. The default, per BSI guidance. */
    GUESTS,
    /** Everyone but the room's moderators waits. */
    EVERYONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WaitingRoomPolicy fromWireName(String s) {
        for (WaitingRoomPolicy p : values()) {
            if (p.wireName().equals(s)) {
                return p;
            }
        }
        throw org.plenum.core.error.Problem.invalid("waitingRoom must be one of off, guests, everyone");
    }
}
