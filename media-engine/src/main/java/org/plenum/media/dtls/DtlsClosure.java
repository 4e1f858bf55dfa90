package org.plenum.media.dtls;

/** How a DTLS session ended; {@code closure()} completes with one of these. */
public enum DtlsClosure {
    /** The peer closed cleanly with close_notify (a browser closing its PeerConnection). */
    PEER_CLOSE_NOTIFY,
    /** The peer sent a fatal alert after the handshake. */
    PEER_FATAL_ALERT,
    /** Our owner called {@code close()}; a close_notify was sent if the handshake had completed. */
    LOCAL_CLOSE,
    /** The handshake never completed; {@code completion()} carries the reason. */
    HANDSHAKE_FAILED,
    /** The established session broke for another reason (for example an unexpected record). */
    ERROR
}
