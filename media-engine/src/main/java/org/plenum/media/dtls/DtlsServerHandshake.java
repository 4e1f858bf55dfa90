package org.plenum.media.dtls;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;

/**
 * The engine's side of DTLS-SRTP on one transport (the SDP says {@code a=setup:passive}): waits for the
 * browser's ClientHello, offers SRTP profiles by {@link DtlsConfig#srtpProfiles()} preference (GCM first),
 * requires the browser's certificate and checks it against the fingerprint from the browser's SDP.
 *
 * <pre>{@code
 * var dtls = new DtlsServerHandshake(certificate, remoteFingerprintFromSdp, bytes -> socket.send(bytes, peer));
 * dtls.completion().thenAccept(keys -> srtpKeys.set(keys));   // or handle DtlsHandshakeException
 * // for every datagram from the peer whose first byte is 20..63:
 * dtls.onDatagram(buf, off, len);
 * // when the transport goes away:
 * dtls.close();
 * }</pre>
 */
public final class DtlsServerHandshake extends DtlsHandshake {

    private final SrtpTlsServer server;

    /** With {@link DtlsConfig#defaults()}. */
    public DtlsServerHandshake(DtlsCertificate certificate, String expectedClientFingerprint, Consumer<byte[]> sink) {
        this(certificate, expectedClientFingerprint, sink, DtlsConfig.defaults());
    }

    /**
     * Starts waiting for the client at once.
     *
     * @param expectedClientFingerprint the peer's {@code a=fingerprint:sha-256} value ("AB:CD:...", any case)
     * @param sink                      receives each datagram to send to the peer (an array of its own)
     * @throws IllegalArgumentException if the fingerprint is not 32 hex pairs separated by ':'
     */
    public DtlsServerHandshake(DtlsCertificate certificate, String expectedClientFingerprint, Consumer<byte[]> sink,
                               DtlsConfig config) {
        super(true, expectedClientFingerprint, sink, config);
        this.server = new SrtpTlsServer(CRYPTO, Objects.requireNonNull(certificate, "certificate"), expectedRemoteFingerprint, config, observations);
        begin();
    }

    @Override
    DTLSTransport handshake(QueuedDatagramTransport transport) throws IOException {
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        // No HelloVerifyRequest cookie: ICE has already proven the peer owns its address (RFC 8445
        // connectivity checks with MESSAGE-INTEGRITY), so the cookie would only cost a round trip.
        protocol.setVerifyRequests(false);
        return protocol.accept(server, transport);
    }

    @Override
    SrtpMaterial srtpMaterial() {
        return server.srtpMaterial();
    }
}
