package org.plenum.media.rtp;

/**
 * Thrown when bytes are not a well-formed RTP packet (or payload descriptor). The message says
 * which field was wrong. Stack traces are suppressed: garbage from the network is expected and
 * counted, not debugged, so creating this exception must stay cheap.
 */
public final class RtpParseException extends RuntimeException {

    public RtpParseException(String message) {
        super(message, null, false, false);
    }
}
