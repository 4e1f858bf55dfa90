package org.plenum.core.signaling.frame;

import java.util.Locale;
import org.plenum.core.error.Problem;

/** The {@code code} of an {@code error} frame: a closed set, documented in {@code docs/protocol.md}. */
public enum ErrorCode {
    /** Not JSON, not an object, or a field missing, of the wrong type, or not allowed. */
    INVALID_MESSAGE,
    /** No such namespace or type (or one only the server sends). */
    UNKNOWN_TYPE,
    /** The frame exceeds the frame size limit. */
    TOO_LARGE,
    /** The frame exceeded the connection's rate limit and was dropped. */
    RATE_LIMITED,
    /** Something other than {@code control/join} came before joining. */
    NOT_JOINED,
    /** A second {@code control/join} on a socket that has joined already. */
    ALREADY_JOINED,
    /** The signaling ticket is unknown, used or expired. */
    INVALID_TICKET,
    /** The resume token is unknown or the grace period is over. */
    INVALID_RESUME_TOKEN,
    /** The room is locked and only moderators may enter. */
    ROOM_LOCKED,
    /** This identity was banned from the room. */
    BANNED,
    /** The participant is still in the waiting room. */
    NOT_ADMITTED,
    /** The participant's role may not do this (moderation by a non-moderator). */
    FORBIDDEN,
    /** The named participant (or room) does not exist. */
    NOT_FOUND,
    /** Well-formed, but not sensible (for example a private message to oneself). */
    INVALID_REQUEST,
    CONFLICT,
    UNAUTHENTICATED,
    UNAVAILABLE,
    /** The server failed while handling the frame; the room goes on. */
    INTERNAL_ERROR;

    /** The wire form: lower case with underscores. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorCode of(Problem.Kind kind) {
        return switch (kind) {
            case INVALID -> INVALID_REQUEST;
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND, GONE -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case TOO_LARGE -> TOO_LARGE;
            case RATE_LIMITED -> RATE_LIMITED;
            case UNAVAILABLE -> UNAVAILABLE;
        };
    }
}
