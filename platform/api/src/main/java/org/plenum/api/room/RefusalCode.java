package org.plenum.api.room;

import java.util.Locale;

/**
 * Why a room module refuses a message: the {@code code} of the {@code error} frame the sender gets,
 * from the signaling protocol's error codes.
 * {@snippet :
 * room.refuse(message, RefusalCode.CONFLICT, "another vote is running; close it first");
 * }
 */
public enum RefusalCode {
    /** A body field is missing, of the wrong type, or not allowed. */
    INVALID_MESSAGE,
    /** No such message type in this plugin's namespace. */
    UNKNOWN_TYPE,
    /** Well-formed but not sensible (a vote for an option that does not exist). */
    INVALID_REQUEST,
    /** The sender's role or eligibility does not allow it. */
    FORBIDDEN,
    /** The thing referred to does not exist (or no longer). */
    NOT_FOUND,
    /** The room's state does not allow it now (a second vote while one runs; a vote after closing). */
    CONFLICT,
    /** Temporarily impossible (storage unreachable); the sender may try again. */
    UNAVAILABLE;

    /** The wire code: lower case with underscores, for example {@code invalid_request}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
