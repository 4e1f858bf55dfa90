package org.plenum.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * Adapts the engine's push model (datagrams arrive on the socket's thread) to Bouncy Castle's pull model
 * (the handshake thread asks for the next datagram and waits): a bounded queue in between.
 *
 * <p>{@link #offer} may be called from any thread; {@link #receive} and {@link #send} only from the
 * handshake thread. Before the handshake completes, every wait is cut short at the handshake deadline so
 * that a silent peer cannot hold the thread longer than the timeout, whatever BC asks for.
 */
final class QueuedDatagramTransport implements DatagramTransport {

    /** Larger than any path MTU; a bigger datagram is not DTLS we want and is dropped. */
    static final int MAX_DATAGRAM = 2048;
    /** A browser sends at most a few flights at once; more than this queued means we are flooded. */
    static final int QUEUE_CAPACITY = 64;

    private static final byte[] WAKE_UP = new byte[0];

    private final ArrayBlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Consumer<byte[]> sink;
    private final int sendLimit;
    private final long deadlineNanos;
    private final AtomicLong dropped = new AtomicLong();

    private final boolean awaitsClientHello;
    private volatile boolean clientHelloAdmitted;
    private volatile boolean established;
    private volatile boolean closeRequested;
    private volatile boolean closedByDtls;
    private volatile boolean timedOut;

    /** @param awaitsClientHello true for the server: nothing but a ClientHello is admitted until one arrives */
    QueuedDatagramTransport(Consumer<byte[]> sink, int sendLimit, long deadlineNanos, boolean awaitsClientHello) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.awaitsClientHello = awaitsClientHello;
        this.sendLimit = sendLimit;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Queues a copy of one received datagram; drops it (and counts) when oversized, empty, malformed while
     * the handshake runs (see {@link DatagramScreen}) or when the queue is full.
     */
    void offer(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (closeRequested || closedByDtls) {
            return;
        }
        if (len == 0 || len > MAX_DATAGRAM) {
            dropped.incrementAndGet();
            return;
        }
        byte[] datagram = Arrays.copyOfRange(buf, off, off + len);
        if (!established && !admissibleDuringHandshake(datagram)) {
            dropped.incrementAndGet();
            return;
        }
        if (!inbound.offer(datagram)) {
            dropped.incrementAndGet();
        }
    }

    private boolean admissibleDuringHandshake(byte[] datagram) {
        if (!DatagramScreen.wellFramed(datagram, datagram.length)) {
            return false;
        }
        if (awaitsClientHello && !clientHelloAdmitted) {
            if (!DatagramScreen.opensWithClientHello(datagram, datagram.length)) {
                return false;
            }
            clientHelloAdmitted = true; // racing callers may both pass a ClientHello: harmless
        }
        return true;
    }

    /** Asks the handshake thread to stop; wakes it if it waits for a datagram. */
    void requestClose() {
        closeRequested = true;
        inbound.offer(WAKE_UP); // if the queue is full the thread is not waiting anyway
    }

    void markEstablished() {
        established = true;
    }

    boolean closeRequested() {
        return closeRequested;
    }

    boolean timedOut() {
        return timedOut;
    }

    long droppedDatagrams() {
        return dropped.get();
    }

    @Override
    public int getReceiveLimit() {
        return MAX_DATAGRAM;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    /**
     * Waits up to {@code waitMillis} (0 = no limit, as for sockets) for a datagram. Returns -1 when none came.
     * Once the session is closed it throws {@link InterruptedIOException}: BC passes that through without
     * raising an alert, where -1 would make it poll again until its wait runs out.
     */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        while (true) {
            if (closeRequested || closedByDtls) {
                throw new InterruptedIOException("DTLS transport closed");
            }
            long waitNanos = waitMillis > 0 ? TimeUnit.MILLISECONDS.toNanos(waitMillis) : Long.MAX_VALUE;
            if (!established) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    timedOut = true;
                    throw new TlsTimeoutException("DTLS handshake timed out");
                }
                waitNanos = Math.min(waitNanos, remaining);
            }
            byte[] datagram;
            try {
                datagram = inbound.poll(waitNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
            }
            if (datagram == null) {
                if (!established && deadlineNanos - System.nanoTime() <= 0) {
                    continue; // reported as a timeout at the top of the loop
                }
                return -1;
            }
            if (datagram == WAKE_UP) {
                continue;
            }
            int n = Math.min(datagram.length, len);
            System.arraycopy(datagram, 0, buf, off, n);
            return n;
        }
    }

    /**
     * Hands a copy to the sink. After close() during the handshake nothing more goes out: the owner has
     * given up on this peer. After the handshake the close_notify still must go out.
     */
    @Override
    public void send(byte[] buf, int off, int len) {
        if (closeRequested && !established) {
            return;
        }
        try {
            sink.accept(Arrays.copyOfRange(buf, off, off + len));
        } catch (RuntimeException e) {
            // The network loses datagrams anyway; BC retransmits. A failing sink must not kill the handshake.
            dropped.incrementAndGet();
        }
    }

    /** Called by BC when the DTLS session ends (after it sent close_notify or a fatal alert). */
    @Override
    public void close() {
        closedByDtls = true;
        inbound.offer(WAKE_UP);
    }
}
