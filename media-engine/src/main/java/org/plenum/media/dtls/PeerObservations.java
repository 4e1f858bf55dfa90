package org.plenum.media.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;

/**
 * What our side of the handshake noticed while BC was driving it, so that a failure can be reported by
 * its cause (a fingerprint mismatch) rather than by the alert BC turned it into (bad_certificate).
 * Written on the handshake thread, read by it too; volatile for the odd reader elsewhere.
 */
final class PeerObservations {

    private volatile DtlsHandshakeException.Reason failureReason;
    private volatile String failureMessage;
    private volatile boolean closeNotifyReceived;
    private volatile short fatalAlertReceived = -1;

    /** Remembers the first reason we rejected the peer for; later ones are consequences. */
    void rejected(DtlsHandshakeException.Reason reason, String message) {
        if (failureReason == null) {
            failureMessage = message;
            failureReason = reason;
        }
    }

    void alertReceived(short level, short description) {
        if (description == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        } else if (level == AlertLevel.fatal) {
            fatalAlertReceived = description;
        }
    }

    DtlsHandshakeException.Reason failureReason() {
        return failureReason;
    }

    String failureMessage() {
        return failureMessage;
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    boolean fatalAlertReceived() {
        return fatalAlertReceived >= 0;
    }

    String fatalAlertText() {
        return AlertDescription.getText(fatalAlertReceived);
    }
}
