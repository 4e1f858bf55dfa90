package org.plenum.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicReference;

import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.media.dtls.DtlsPair.CLIENT_CERTIFICATE;
import static org.plenum.media.dtls.DtlsPair.SERVER_CERTIFICATE;
import static org.plenum.media.dtls.DtlsPair.assertThreadEnds;
import static org.plenum.media.dtls.DtlsPair.failureOf;

/** Clients that speak DTLS but break WebRTC's rules, written directly against BC. */
class NonWebRtcClientTest {

    @Test
    void clientWithoutACertificateIsRejected() throws Exception {
        DtlsServerHandshake server = serverFacing(new BareClient(true));

        DtlsHandshakeException failure = failureOf(server);
        assertThat(failure.reason()).isEqualTo(DtlsHandshakeException.Reason.CERTIFICATE_MISSING);
        assertThat(failure.getMessage()).contains("sent no certificate");
        assertThreadEnds(server);
    }

    @Test
    void clientThatDoesNotOfferUseSrtpIsRejected() throws Exception {
        DtlsServerHandshake server = serverFacing(new BareClient(false));

        DtlsHandshakeException failure = failureOf(server);
        assertThat(failure.reason()).isEqualTo(DtlsHandshakeException.Reason.NO_COMMON_SRTP_PROFILE);
        assertThat(failure.getMessage()).contains("did not offer use_srtp");
    }

    /** Runs {@code client} on a virtual thread against a fresh server, wired in memory. */
    private static DtlsServerHandshake serverFacing(BareClient client) {
        AtomicReference<QueuedDatagramTransport> clientSide = new AtomicReference<>();
        DtlsServerHandshake server = new DtlsServerHandshake(SERVER_CERTIFICATE, CLIENT_CERTIFICATE.fingerprintSha256(),
                d -> clientSide.get().offer(d, 0, d.length));
        clientSide.set(new QueuedDatagramTransport(d -> server.onDatagram(d, 0, d.length), 1200,
                System.nanoTime() + DtlsPair.WAIT.toNanos(), false));
        Thread.ofVirtual().start(() -> {
            try {
                new DTLSClientProtocol().connect(client, clientSide.get());
            } catch (IOException expected) {
                // the server refuses this client; the test looks at the server's side
            }
        });
        return server;
    }

    /** DTLS 1.2 with our cipher suites, optionally use_srtp, never a client certificate. */
    private static final class BareClient extends DefaultTlsClient {
        private final boolean offerSrtp;

        BareClient(boolean offerSrtp) {
            super(DtlsHandshake.CRYPTO);
            this.offerSrtp = offerSrtp;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return WebRtcDtlsPolicy.CIPHER_SUITES;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
            if (offerSrtp) {
                TlsSRTPUtils.addUseSRTPExtension(extensions,
                        new UseSRTPData(new int[] {SrtpMaterial.AEAD_AES_128_GCM}, TlsUtils.EMPTY_BYTES));
            }
            return extensions;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) {
                    return null;
                }
            };
        }
    }
}
