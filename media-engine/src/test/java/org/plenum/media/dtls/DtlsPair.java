package org.plenum.media.dtls;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** A server and a client wired to each other in memory, the way most tests want them. */
final class DtlsPair implements AutoCloseable {

    static final DtlsCertificate SERVER_CERTIFICATE = DtlsCertificate.generate();
    static final DtlsCertificate CLIENT_CERTIFICATE = DtlsCertificate.generate();
    static final Duration WAIT = Duration.ofSeconds(20);

    final DatagramWire toClient;
    final DatagramWire toServer;
    final DtlsServerHandshake server;
    final DtlsClientHandshake client;

    DtlsPair(DtlsConfig serverConfig, String fingerprintServerExpects, DatagramWire toClient,
             DtlsConfig clientConfig, String fingerprintClientExpects, DatagramWire toServer) {
        this.toClient = toClient;
        this.toServer = toServer;
        server = new DtlsServerHandshake(SERVER_CERTIFICATE, fingerprintServerExpects, toClient, serverConfig);
        toServer.connect(server);
        client = new DtlsClientHandshake(CLIENT_CERTIFICATE, fingerprintClientExpects, toServer, clientConfig);
        toClient.connect(client);
    }

    static DtlsPair of(DtlsConfig serverConfig, DtlsConfig clientConfig) {
        return new DtlsPair(serverConfig, CLIENT_CERTIFICATE.fingerprintSha256(), new DatagramWire(),
                clientConfig, SERVER_CERTIFICATE.fingerprintSha256(), new DatagramWire());
    }

    static DtlsPair withDefaults() {
        return of(DtlsConfig.defaults(), DtlsConfig.defaults());
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }

    static <T> T await(CompletableFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The exception a failed completion carries, checked to be our own. */
    static DtlsHandshakeException failureOf(DtlsHandshake handshake) throws InterruptedException, TimeoutException {
        try {
            await(handshake.completion());
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(DtlsHandshakeException.class);
            return (DtlsHandshakeException) e.getCause();
        }
        throw new AssertionError("handshake completed but was expected to fail");
    }

    static void assertThreadEnds(DtlsHandshake handshake) throws InterruptedException {
        assertThat(handshake.thread().join(WAIT)).as("handshake thread ended").isTrue();
    }
}
