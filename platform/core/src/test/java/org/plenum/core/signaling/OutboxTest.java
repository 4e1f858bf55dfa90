package org.plenum.core.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {

    /** A transport that completes sends only when told to, like a client that reads slowly. */
    static final class ManualConnection implements Connection {
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        int closedWith;
        boolean completeInline;

        @Override
        public void sendText(String text, Consumer<Throwable> done) {
            sent.add(text);
            if (completeInline) {
                done.accept(null);
            } else {
                pending.add(done);
            }
        }

        void completeNext() {
            pending.removeFirst().accept(null);
        }

        @Override
        public void ping() {
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        @Override
        public String id() {
            return "c-test";
        }
    }

    final ManualConnection connection = new ManualConnection();
    final List<CloseCode> closes = new ArrayList<>();
    final AtomicInteger sentCount = new AtomicInteger();
    final Outbox outbox = new Outbox(connection, 16, closes::add, sentCount::incrementAndGet, Runnable::run);

    @Test
    void framesGoOutInOrderOneAtATime() {
        outbox.send("a");
        outbox.send("b");
        outbox.send("c");
        assertThat(connection.sent).containsExactly("a");
        connection.completeNext();
        assertThat(connection.sent).containsExactly("a", "b");
        connection.completeNext();
        connection.completeNext();
        assertThat(connection.sent).containsExactly("a", "b", "c");
        assertThat(sentCount).hasValue(3);
    }

    @Test
    void slowConsumerIsClosedInsteadOfQueueingForever() {
        for (int i = 0; i < 18; i++) {
            outbox.send("f" + i);
        }
        assertThat(connection.closedWith).isEqualTo(1013);
        assertThat(closes).containsExactly(CloseCode.TRY_AGAIN_LATER);
        assertThat(outbox.isClosed()).isTrue();
        outbox.send("after");
        assertThat(connection.sent).doesNotContain("after");
    }

    @Test
    void closeWaitsForTheFramesQueuedBeforeIt() {
        outbox.send("error frame");
        outbox.closeAfterPending(CloseCode.BAD_JOIN, "bad join");
        assertThat(connection.closedWith).isZero();
        connection.completeNext();
        assertThat(connection.closedWith).isEqualTo(4400);
    }

    @Test
    void aTransportThatCompletesInlineDoesNotRecurse() {
        connection.completeInline = true;
        Outbox big = new Outbox(connection, 1_000_000, closes::add, sentCount::incrementAndGet, Runnable::run);
        for (int i = 0; i < 200_000; i++) {
            big.send("x");
        }
        assertThat(connection.sent).hasSize(200_000);
        assertThat(closes).isEmpty();
    }

    @Test
    void aFailedSendDropsTheRest() {
        outbox.send("a");
        outbox.send("b");
        connection.pending.removeFirst().accept(new java.io.IOException("broken pipe"));
        assertThat(outbox.isClosed()).isTrue();
        assertThat(connection.sent).containsExactly("a");
    }
}
