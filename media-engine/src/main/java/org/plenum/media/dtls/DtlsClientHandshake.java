package org.plenum.media.dtls;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;

/**
 * The client side of DTLS-SRTP ({@code a=setup:active}): sends the ClientHello at once, offers the SRTP
 * profiles of its {@link DtlsConfig}, presents our certificate and checks the server's against the
 * fingerprint from the server's SDP. Used by loopback tests and wherever the engine is the active side;
 * same lifecycle as {@link DtlsServerHandshake}.
 */
public final class DtlsClientHandshake extends DtlsHandshake {

    private final SrtpTlsClient client;

    /** With {@link DtlsConfig#defaults()}. */
    public DtlsClientHandshake(DtlsCertificate certificate, String expectedServerFingerprint, Consumer<byte[]> sink) {
        this(certificate, expectedServerFingerprint, sink, DtlsConfig.defaults());
    }

    /**
     * Starts the handshake at once: the ClientHello goes to {@code sink} before this returns or shortly after.
     *
     * @param expectedServerFingerprint the peer's {@code a=fingerprint:sha-256} value ("AB:CD:...", any case)
     * @throws IllegalArgumentException if the fingerprint is not 32 hex pairs separated by ':'
     */
    public DtlsClientHandshake(DtlsCertificate certificate, String expectedServerFingerprint, Consumer<byte[]> sink,
                               DtlsConfig config) {
        super(false, expectedServerFingerprint, sink, config);
        this.client = new SrtpTlsClient(CRYPTO, Objects.requireNonNull(certificate, "certificate"), expectedRemoteFingerprint, config, observations);
        begin();
    }

    @Override
    DTLSTransport handshake(QueuedDatagramTransport transport) throws IOException {
        return new DTLSClientProtocol().connect(client, transport);
    }

    @Override
    SrtpMaterial srtpMaterial() {
        return client.srtpMaterial();
    }
}
