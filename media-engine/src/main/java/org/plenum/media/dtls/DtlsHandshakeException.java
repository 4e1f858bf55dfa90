package org.plenum.media.dtls;

/**
 * Why a DTLS handshake did not produce SRTP keys; {@code completion()} fails with this.
 * The message says what went wrong in words fit for an operator's log.
 */
public final class DtlsHandshakeException extends Exception {

    /** The closed set of ways a handshake ends without keys. */
    public enum Reason {
        /** No complete handshake within the configured timeout: the peer is silent, unreachable or too slow. */
        TIMEOUT,
        /** The peer's certificate does not hash to the fingerprint announced in its SDP. */
        FINGERPRINT_MISMATCH,
        /** The peer sent no certificate, so there is nothing to check against the SDP fingerprint. */
        CERTIFICATE_MISSING,
        /** The peer offered or chose no SRTP protection profile we support (or none at all). */
        NO_COMMON_SRTP_PROFILE,
        /** The peer aborted with a fatal alert (often: it rejected our certificate). */
        PEER_ALERT,
        /** {@code close()} was called before the handshake finished. */
        CLOSED,
        /** Anything else the DTLS implementation rejected: malformed or unexpected messages. */
        PROTOCOL_ERROR
    }

    private final Reason reason;

    DtlsHandshakeException(Reason reason, String message, Throwable cause) {
        super(message, cause, false, true);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
