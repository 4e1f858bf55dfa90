package org.plenum.core.signaling;

import java.util.function.Consumer;

/**
 * One client's socket as the signaling core sees it. The server's WebSocket adapter implements it, so
 * the core stays free of Jetty types; tests implement it to capture frames.
 *
 * <p>Implementations must not block: {@link #sendText} hands the frame to the transport and reports
 * completion later. The core sends at most one frame at a time per connection and keeps its own
 * bounded queue in front of it (see {@code Outbox}).
 */
public interface Connection {

    /** Starts sending one text frame; {@code done} is called exactly once, with null on success or the failure. */
    void sendText(String text, Consumer<Throwable> done);

    /** Sends a WebSocket ping so that intermediaries keep an idle socket open. */
    void ping();

    /** Closes the socket with a WebSocket close code and a short reason (at most 123 bytes). */
    void close(int code, String reason);

    /** A random id for this connection, for logs; never an address or anything personal. */
    String id();
}
