package org.plenum.media.dtls;

import java.io.IOException;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * The rules WebRTC (RFC 8827, RFC 8842) lays on both DTLS roles: which cipher suites we speak and how a
 * peer's self-signed certificate is authenticated — by its SDP fingerprint, not by a CA.
 */
final class WebRtcDtlsPolicy {

    /**
     * ECDHE for forward secrecy, ECDSA because our certificate is P-256, AES-GCM because every browser
     * offers it and the JVM runs it with AES-NI. Browsers offer these first too.
     */
    static final int[] CIPHER_SUITES = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    private WebRtcDtlsPolicy() {
    }

    /**
     * Accepts the peer's certificate only if its leaf hashes to the fingerprint from the peer's SDP.
     * BC checks separately that the peer holds the matching private key (CertificateVerify / ServerKeyExchange).
     */
    static void checkPeerCertificate(Certificate certificate, Sha256Fingerprint expected, String peerRole,
                                     PeerObservations observations) throws IOException {
        if (certificate == null || certificate.isEmpty()) {
            String message = "the DTLS " + peerRole + " sent no certificate; WebRTC peers must send one so that "
                    + "it can be checked against the SDP fingerprint";
            observations.rejected(DtlsHandshakeException.Reason.CERTIFICATE_MISSING, message);
            throw new TlsFatalAlert(AlertDescription.handshake_failure, message);
        }
        Sha256Fingerprint actual = Sha256Fingerprint.of(certificate.getCertificateAt(0).getEncoded());
        if (!actual.equals(expected)) {
            String message = "the DTLS " + peerRole + "'s certificate has fingerprint sha-256 " + actual
                    + " but its SDP announced " + expected + "; the signaling and the media path do not reach the "
                    + "same peer (or the SDP is stale)";
            observations.rejected(DtlsHandshakeException.Reason.FINGERPRINT_MISMATCH, message);
            throw new TlsFatalAlert(AlertDescription.bad_certificate, message);
        }
    }

    static TlsFatalAlert noCommonProfile(PeerObservations observations, String message) {
        observations.rejected(DtlsHandshakeException.Reason.NO_COMMON_SRTP_PROFILE, message);
        return new TlsFatalAlert(AlertDescription.handshake_failure, message);
    }

    /** The RFC 5764 §4.2 exporter output for the negotiated profile; valid once the handshake has completed. */
    static SrtpMaterial exportSrtpMaterial(TlsContext context, int profileId) throws IOException {
        if (profileId < 0) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "no SRTP profile was negotiated");
        }
        int length = SrtpProtectionProfile.byId(profileId).keyingMaterialLength();
        // The exporter without a context value (null), which differs from an empty one.
        return new SrtpMaterial(profileId, context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length));
    }

    static String profileList(int[] ids) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format("0x%04x", ids[i]));
        }
        return s.append(']').toString();
    }
}
