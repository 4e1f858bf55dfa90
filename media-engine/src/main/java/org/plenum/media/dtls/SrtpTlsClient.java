package org.plenum.media.dtls;

import java.io.IOException;
import java.util.Hashtable;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** The BC client peer: DTLS 1.2, offers use_srtp, checks the server's fingerprint, presents our certificate. */
final class SrtpTlsClient extends DefaultTlsClient {

    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final Sha256Fingerprint expectedServerFingerprint;
    private final DtlsConfig config;
    private final PeerObservations observations;
    private int selectedProfile = -1;
    private volatile SrtpMaterial srtpMaterial;

    SrtpTlsClient(BcTlsCrypto crypto, DtlsCertificate certificate, Sha256Fingerprint expectedServerFingerprint,
                  DtlsConfig config, PeerObservations observations) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.expectedServerFingerprint = expectedServerFingerprint;
        this.config = config;
        this.observations = observations;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), WebRtcDtlsPolicy.CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return (int) config.handshakeTimeout().toMillis();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(config.srtpProfileArray(), TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen == null) {
            throw WebRtcDtlsPolicy.noCommonProfile(observations,
                    "the DTLS server did not accept use_srtp; WebRTC media needs DTLS-SRTP");
        }
        int[] profiles = chosen.getProtectionProfiles();
        // RFC 5764 §4.1.1: the server answers with exactly one of the offered profiles.
        if (profiles.length != 1 || !config.srtpProfiles().contains(profiles[0])) {
            observations.rejected(DtlsHandshakeException.Reason.NO_COMMON_SRTP_PROFILE,
                    "the DTLS server chose SRTP profiles " + WebRtcDtlsPolicy.profileList(profiles)
                            + ", not one of the offered " + WebRtcDtlsPolicy.profileList(config.srtpProfileArray()));
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        }
        if (chosen.getMki().length != 0) {
            observations.rejected(DtlsHandshakeException.Reason.PROTOCOL_ERROR,
                    "the DTLS server asked for an SRTP MKI, which we did not offer and do not support");
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        }
        selectedProfile = profiles[0];
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                WebRtcDtlsPolicy.checkPeerCertificate(serverCertificate.getCertificate(), expectedServerFingerprint,
                        "server", observations);
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return certificate.signerFor(context, crypto);
            }
        };
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        observations.alertReceived(alertLevel, alertDescription);
    }

    /** BC allows the exporter only from this callback on (and the secrets may be wiped after it). */
    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        srtpMaterial = WebRtcDtlsPolicy.exportSrtpMaterial(context, selectedProfile);
    }

    /** The keys exported when the handshake completed; null before. */
    SrtpMaterial srtpMaterial() {
        return srtpMaterial;
    }
}
