package org.plenum.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of one server port that a test can cut: {@link #cutAll()} drops every live
 * connection at once (as a lost network would, seen by both ends as a closed socket), {@link #refuse(boolean)} makes it
 * close new connections right after accepting them, so a client that retries keeps failing until the test lets it
 * through again. Bytes are piped unchanged both ways, so HTTP and WebSocket (and anything else over TCP) pass.
 * One virtual thread per direction and connection.
 *
 * <pre>{@code
 * try (CuttableProxy proxy = CuttableProxy.start(server.url())) {
 *     guest.open(proxy.url().resolve("/join/…").toString());
 *     proxy.refuse(true);
 *     proxy.cutAll();
 * }
 * }</pre>
 */
public final class CuttableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean refusing;

    private CuttableProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    /** Listens on a free port of 127.0.0.1 and forwards to the host and port of {@code target} (e.g. the server's URL). */
    public static CuttableProxy start(URI target) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            CuttableProxy proxy = new CuttableProxy(listener, new InetSocketAddress(target.getHost(), target.getPort()));
            Thread.ofVirtual().name("proxy-accept-" + listener.getLocalPort()).start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1 for the proxy", e);
        }
    }

    /** {@code http://127.0.0.1:<proxy port>/}: the server as seen through the proxy. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    /** The same path and query as {@code serverUrl}, but through the proxy. */
    public URI via(URI serverUrl) {
        return url().resolve(serverUrl.getRawPath() + (serverUrl.getRawQuery() == null ? "" : "?" + serverUrl.getRawQuery()));
    }

    /** While true, a new connection is closed as soon as it is accepted (counted in {@link #refusedCount()}). */
    public void refuse(boolean on) {
        refusing = on;
    }

    /** Closes every live connection, both the client's side and the server's side. */
    public int cutAll() {
        int n = 0;
        for (Socket s : live) {
            closeQuietly(s);
            n++;
        }
        live.clear();
        return n;
    }

    /** Connections closed by {@link #refuse(boolean)} so far: how often a client tried while the line was down. */
    public int refusedCount() {
        return refused.get();
    }

    /** Connections piped to the server so far. */
    public int acceptedCount() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (refusing) {
                refused.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(upstream, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            accepted.incrementAndGet();
            live.add(client);
            live.add(server);
            Thread.ofVirtual().start(() -> pipe(client, server));
            Thread.ofVirtual().start(() -> pipe(server, client));
        }
    }

    /** Copies until either side ends, then closes both, so a half-open connection never lingers. */
    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // cut, or the other direction closed first
        } catch (IOException e) {
            // the same: the connection is gone either way
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            live.remove(from);
            live.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        cutAll();
    }
}
