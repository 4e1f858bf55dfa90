package org.plenum.core.signaling;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The outbound side of one connection: a bounded queue in front of {@link Connection#sendText}, with one
 * frame in flight at a time. Producers (the room thread, the inbound thread) only enqueue; the writing
 * happens on {@code writer} (virtual threads in production), so a room that broadcasts to hundreds of
 * sockets does not do hundreds of socket writes on its own thread. A client that does not read fast
 * enough lets the queue fill up and is closed as a slow consumer, so one bad network cannot slow the
 * room or eat the server's memory.
 */
final class Outbox {

    private record CloseRequest(CloseCode code, String reason) {
    }

    private final Connection connection;
    private final int maxQueued;
    private final Consumer<CloseCode> onClose;
    private final Runnable onSent;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final java.util.concurrent.Executor writer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param onClose called once when this outbox closes the connection (for metrics)
     * @param onSent  called for each frame handed to the transport successfully (for metrics)
     */
    Outbox(Connection connection, int maxQueued, Consumer<CloseCode> onClose, Runnable onSent, java.util.concurrent.Executor writer) {
        this.connection = connection;
        this.writer = writer;
        this.maxQueued = maxQueued;
        this.onClose = onClose;
        this.onSent = onSent;
    }

    void send(String frame) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            closeNow(CloseCode.TRY_AGAIN_LATER, "slow consumer: too many frames waiting to be sent");
            return;
        }
        queue.add(frame);
        schedule();
    }

    /** Closes after the frames queued so far went out, so that an error frame arrives before the close. */
    void closeAfterPending(CloseCode code, String reason) {
        if (closed.get()) {
            return;
        }
        queue.add(new CloseRequest(code, reason));
        schedule();
    }

    /** One writer task at a time is enough: it drains whatever is queued when it runs. */
    private void schedule() {
        if (!sending.get() && scheduled.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    scheduled.set(false);
                    pump();
                });
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                scheduled.set(false);
                pump();
            }
        }
    }

    /** The socket is gone: drop what is queued. */
    void discard() {
        closed.set(true);
        queue.clear();
    }

    boolean isClosed() {
        return closed.get();
    }

    private void closeNow(CloseCode code, String reason) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            onClose.accept(code);
            connection.close(code.code, reason);
        }
    }

    /**
     * Sends the next frame when none is in flight. A transport may complete a send inside
     * {@code sendText}; the loop then goes on here instead of recursing in the callback.
     */
    private void pump() {
        while (!closed.get() && sending.compareAndSet(false, true)) {
            Object next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            if (next instanceof CloseRequest c) {
                closeNow(c.code(), c.reason());
                return;
            }
            queued.decrementAndGet();
            // 0: in sendText, 1: sendText returned first, 2: completed inside sendText
            AtomicInteger phase = new AtomicInteger();
            connection.sendText((String) next, failure -> {
                if (failure != null) {
                    discard();
                    return;
                }
                onSent.run();
                sending.set(false);
                if (!phase.compareAndSet(0, 2)) {
                    pump();
                }
            });
            if (!phase.compareAndSet(0, 1)) {
                continue;
            }
            return;
        }
    }
}
