package org.plenum.core.signaling;

/**
 * The WebSocket close codes the server uses. Standard codes where one fits, 44xx codes (after the HTTP
 * status they resemble) where a client needs to tell refusals apart without parsing text.
 */
public enum CloseCode {
    /** The participant left, or the meeting ended. */
    NORMAL(1000, "normal"),
    /** The server is shutting down. */
    GOING_AWAY(1001, "going_away"),
    /** Sustained abuse: the rate limit was exceeded again and again. */
    POLICY_VIOLATION(1008, "abuse"),
    /** The server failed; the client may reconnect. */
    INTERNAL_ERROR(1011, "internal_error"),
    /** The client did not read its frames fast enough (slow consumer). */
    TRY_AGAIN_LATER(1013, "slow_consumer"),
    /** The first frame was not a valid {@code control/join}. */
    BAD_JOIN(4400, "bad_join"),
    /** The ticket or resume token was unknown, used or expired. */
    UNAUTHENTICATED(4401, "unauthenticated"),
    /** Entry refused: banned, room locked, rejected from the waiting room, or the room does not exist. */
    REFUSED(4403, "refused"),
    /** No {@code control/join} within the join timeout. */
    JOIN_TIMEOUT(4408, "join_timeout"),
    /** The same participant resumed on another socket; this one is no longer used. */
    REPLACED(4409, "replaced"),
    /** A moderator removed the participant (kick or ban). */
    REMOVED(4410, "removed");

    public final int code;
    /** The metric tag for closes with this code. */
    public final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }
}
