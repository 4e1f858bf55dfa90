package org.plenum.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DTLS-SRTP session over one ICE transport, in the server or the client role.
 *
 * <p>Lifecycle: the handshake starts when the object is constructed, on a virtual thread of its own that
 * runs Bouncy Castle's blocking handshake. Feed it every DTLS datagram (RFC 7983: first byte 20..63) with
 * {@link #onDatagram}; it sends through the sink given at construction. {@link #completion()} then yields
 * the SRTP keys, or fails with a {@link DtlsHandshakeException} (timeout, fingerprint mismatch, ...).
 * After the handshake the thread stays to answer retransmitted flights and to notice the peer's
 * close_notify ({@link #closure()}); {@link #close()} ends it in any state.
 *
 * <p>Callbacks on both futures run on the handshake thread unless attached with an {@code *Async} method;
 * keep them short.
 */
public abstract sealed class DtlsHandshake permits DtlsServerHandshake, DtlsClientHandshake {

    private static final Logger log = LoggerFactory.getLogger(DtlsHandshake.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** BcTlsCrypto holds nothing but its SecureRandom, which is thread-safe: one serves all handshakes. */
    static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    private final String role;
    private final QueuedDatagramTransport transport;
    private final CompletableFuture<SrtpMaterial> completion = new CompletableFuture<>();
    private final CompletableFuture<DtlsClosure> closure = new CompletableFuture<>();
    final PeerObservations observations = new PeerObservations();
    final DtlsConfig config;
    final Sha256Fingerprint expectedRemoteFingerprint;
    private final long startNanos = System.nanoTime();
    private volatile Thread thread;

    DtlsHandshake(boolean server, String expectedRemoteFingerprint, Consumer<byte[]> sink, DtlsConfig config) {
        this.role = server ? "server" : "client";
        this.config = Objects.requireNonNull(config, "config");
        this.expectedRemoteFingerprint = Sha256Fingerprint.parse(expectedRemoteFingerprint);
        this.transport = new QueuedDatagramTransport(sink, config.mtu(),
                startNanos + config.handshakeTimeout().toNanos(), server);
    }

    /** Called as the last statement of the (final) subclass constructors, so the thread sees a whole object. */
    final void begin() {
        thread = Thread.ofVirtual().name("dtls-" + role + "-" + SEQUENCE.incrementAndGet()).start(this::run);
    }

    /** Runs BC's handshake to completion over {@code transport}; returns the established session. */
    abstract DTLSTransport handshake(QueuedDatagramTransport transport) throws IOException;

    /** The negotiated profile and exporter output, exported when BC reported the handshake complete. */
    abstract SrtpMaterial srtpMaterial();

    /**
     * Feeds one received DTLS datagram. Any thread; never blocks: copies the bytes into a bounded queue and
     * drops the datagram when the queue is full (as the network would), when it is empty or larger than any
     * DTLS datagram we accept (2048 bytes), or once the session is closed.
     *
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not lie within {@code buf}
     */
    public void onDatagram(byte[] buf, int off, int len) {
        transport.offer(buf, off, len);
    }

    /**
     * Completes with the SRTP profile and keying material once the handshake succeeds, or exceptionally
     * with a {@link DtlsHandshakeException} saying why it did not. Each call returns a new dependent
     * future, so callers cannot complete the session's own.
     */
    public CompletableFuture<SrtpMaterial> completion() {
        return completion.copy();
    }

    /** Completes when the session ends, saying how: peer close_notify, peer alert, local close, failed handshake. */
    public CompletableFuture<DtlsClosure> closure() {
        return closure.copy();
    }

    /**
     * Ends the session: during the handshake it is abandoned (completion fails with reason CLOSED, nothing
     * more is sent); after it, a close_notify goes to the peer. Returns at once; the thread ends shortly
     * after. Idempotent.
     */
    public void close() {
        transport.requestClose();
    }

    /**
     * Datagrams dropped so far in either direction: received ones that were empty, oversized, malformed
     * while the handshake ran, or found the queue full; sent ones the sink threw on.
     */
    public long droppedDatagrams() {
        return transport.droppedDatagrams();
    }

    /** The handshake thread, for tests that check it ends. */
    Thread thread() {
        return thread;
    }

    private void run() {
        DTLSTransport session;
        SrtpMaterial material;
        try {
            session = handshake(transport);
            material = Objects.requireNonNull(srtpMaterial(), "BC returned before notifyHandshakeComplete");
        } catch (IOException | RuntimeException e) {
            DtlsHandshakeException failure = explain(e);
            log.info("dtls handshake failed role={} reason={} millis={} message=\"{}\"",
                    role, failure.reason(), elapsedMillis(), failure.getMessage());
            completion.completeExceptionally(failure);
            closure.complete(DtlsClosure.HANDSHAKE_FAILED);
            return;
        }
        transport.markEstablished();
        log.info("dtls handshake complete role={} srtpProfile=0x{} millis={}",
                role, String.format("%04x", material.profileId()), elapsedMillis());
        completion.complete(material);
        DtlsClosure how = serveUntilClosed(session);
        log.info("dtls session closed role={} how={}", role, how);
        closure.complete(how);
    }

    /**
     * Keeps reading so BC can resend its last flight when the peer's retransmission shows it was lost, and
     * so we see close_notify. Application data is dropped: the engine carries no data channels.
     */
    private DtlsClosure serveUntilClosed(DTLSTransport session) {
        byte[] buf = new byte[QueuedDatagramTransport.MAX_DATAGRAM];
        DtlsClosure how;
        try {
            while (true) {
                session.receive(buf, 0, buf.length, 60_000);
            }
        } catch (InterruptedIOException e) {
            how = observations.closeNotifyReceived() ? DtlsClosure.PEER_CLOSE_NOTIFY : DtlsClosure.LOCAL_CLOSE;
        } catch (IOException | RuntimeException e) {
            how = observations.fatalAlertReceived() ? DtlsClosure.PEER_FATAL_ALERT : DtlsClosure.ERROR;
        }
        try {
            session.close(); // sends close_notify unless BC already closed (peer close_notify) or failed
        } catch (IOException | RuntimeException e) {
            // Nothing left to tell the peer; the session is over either way.
        }
        return how;
    }

    private DtlsHandshakeException explain(Exception e) {
        if (observations.failureReason() != null) {
            return new DtlsHandshakeException(observations.failureReason(), observations.failureMessage(), e);
        }
        if (transport.closeRequested()) {
            return new DtlsHandshakeException(DtlsHandshakeException.Reason.CLOSED,
                    "the DTLS " + role + " was closed before its handshake completed", e);
        }
        if (transport.timedOut() || e instanceof TlsTimeoutException) {
            return new DtlsHandshakeException(DtlsHandshakeException.Reason.TIMEOUT,
                    "no DTLS handshake completed within " + config.handshakeTimeout().toMillis()
                            + " ms; the peer is silent, unreachable, or its datagrams do not reach us", e);
        }
        if (e instanceof TlsFatalAlertReceived || observations.fatalAlertReceived()) {
            return new DtlsHandshakeException(DtlsHandshakeException.Reason.PEER_ALERT,
                    "the DTLS peer aborted the handshake with alert " + observations.fatalAlertText()
                            + " (a bad_certificate usually means our fingerprint in its SDP is not this certificate's)", e);
        }
        return new DtlsHandshakeException(DtlsHandshakeException.Reason.PROTOCOL_ERROR,
                "the DTLS handshake failed: " + e, e);
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
