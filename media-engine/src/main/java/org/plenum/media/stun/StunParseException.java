package org.plenum.media.stun;

/**
 * A buffer that is not a well-formed STUN message (RFC 8489). The message says what was wrong.
 *
 * <p>Garbage arrives on a public UDP port all the time, so the exception carries no stack trace:
 * creating it costs about as much as the string.
 */
public final class StunParseException extends Exception {

    public StunParseException(String message) {
        super(message, null, false, false);
    }
}
