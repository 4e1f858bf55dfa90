package org.plenum.it.support.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Test pages from the class path ({@code src/test/resources/browser/}) on {@code http://127.0.0.1:<port>/}:
 * a page needs an http origin on loopback (a secure context) for camera, microphone and WebRTC, which a
 * {@code file:} URL does not give. GET only, no directory listing.
 */
public final class LoopbackPages implements AutoCloseable {

    private static final String RESOURCES = "/browser/";

    private final HttpServer server;

    private LoopbackPages(HttpServer server) {
        this.server = server;
    }

    /** Serves on a free port of 127.0.0.1 until closed. */
    public static LoopbackPages start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", LoopbackPages::serve);
            server.start();
            return new LoopbackPages(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve test pages on 127.0.0.1", e);
        }
    }

    /** The address of a page, e.g. {@code url("p2p.html")}. */
    public URI url(String page) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + page);
    }

    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod()) || path.contains("..") || path.endsWith("/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            try (InputStream in = LoopbackPages.class.getResourceAsStream(RESOURCES + path.substring(1))) {
                if (in == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", contentType(path));
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (path.endsWith(".js") || path.endsWith(".mjs")) {
            return "text/javascript; charset=utf-8";
        }
        return "application/octet-stream";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
