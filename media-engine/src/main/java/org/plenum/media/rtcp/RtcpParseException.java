package org.plenum.media.rtcp;

/**
 * Thrown when bytes are not a well-formed RTCP compound packet; the message names the offending
 * field. Stack traces are suppressed because garbage from the network is expected and only counted.
 */
public final class RtcpParseException extends RuntimeException {

    public RtcpParseException(String message) {
        super(message, null, false, false);
    }
}
