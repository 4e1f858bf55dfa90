package org.plenum.media.dtls;

import java.io.IOException;
import java.util.Hashtable;

import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** The BC server peer: DTLS 1.2, our ECDSA certificate, a required client certificate, use_srtp. */
final class SrtpTlsServer extends DefaultTlsServer {

    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final Sha256Fingerprint expectedClientFingerprint;
    private final DtlsConfig config;
    private final PeerObservations observations;
    private int selectedProfile = -1;
    private volatile SrtpMaterial srtpMaterial;

    SrtpTlsServer(BcTlsCrypto crypto, DtlsCertificate certificate, Sha256Fingerprint expectedClientFingerprint,
                  DtlsConfig config, PeerObservations observations) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.expectedClientFingerprint = expectedClientFingerprint;
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
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw WebRtcDtlsPolicy.noCommonProfile(observations,
                    "the DTLS client did not offer use_srtp; WebRTC media needs DTLS-SRTP");
        }
        for (int ours : config.srtpProfileArray()) {
            for (int theirs : offered.getProtectionProfiles()) {
                if (ours == theirs) {
                    selectedProfile = ours;
                    return;
                }
            }
        }
        throw WebRtcDtlsPolicy.noCommonProfile(observations, "the DTLS client offered SRTP profiles "
                + WebRtcDtlsPolicy.profileList(offered.getProtectionProfiles()) + ", none of ours " + WebRtcDtlsPolicy.profileList(config.srtpProfileArray()));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        // We use no MKI in SRTP packets, so we announce an empty one whatever the client sent.
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {selectedProfile}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    /** WebRTC authenticates both ends: a client without a certificate cannot be matched to its SDP. */
    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        WebRtcDtlsPolicy.checkPeerCertificate(clientCertificate, expectedClientFingerprint, "client", observations);
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return certificate.signerFor(context, crypto);
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
