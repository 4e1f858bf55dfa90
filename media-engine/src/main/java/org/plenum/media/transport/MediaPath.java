package org.plenum.media.transport;

import java.net.InetSocketAddress;

/**
 * The way packets travel to one peer once ICE has chosen it: a UDP address on the shared port, or one
 * ICE-TCP connection. Sends are called on the transport's event loop only.
 */
public interface MediaPath {

    /** Sends {@code len} bytes from {@code buf} at {@code off}; the bytes are copied before this returns. */
    void send(byte[] buf, int off, int len);

    /** The peer's address, for logs and metrics. */
    InetSocketAddress remote();

    /** True for ICE-TCP. */
    boolean tcp();
}
