package org.plenum.server.signaling;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.plenum.core.security.SecureTokens;
import org.plenum.core.signaling.ClientSession;
import org.plenum.core.signaling.Connection;
import org.plenum.core.signaling.SignalingHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signaling WebSocket: adapts Jetty's session to the core's {@link Connection} and feeds frames to the
 * core's {@link ClientSession}. No protocol logic lives here. Public only because Jetty invokes its
 * listener methods through method handles.
 */
public final class SignalingSocket implements Session.Listener.AutoDemanding, Connection {

    private static final Logger log = LoggerFactory.getLogger(SignalingSocket.class);

    private final SignalingHub hub;
    private final String id = "c-" + SecureTokens.urlSafe(9);
    private volatile Session session;
    private volatile ClientSession client;

    SignalingSocket(SignalingHub hub) {
        this.hub = hub;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        this.client = hub.accept(this);
    }

    @Override
    public void onWebSocketText(String text) {
        client.onText(text);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        client.onBinary();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        ClientSession c = client;
        if (c != null) {
            c.onClosed();
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("signaling socket error connection={}", id, cause);
        ClientSession c = client;
        if (c != null) {
            c.onClosed();
        }
    }

    // ---- Connection

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            done.accept(new IllegalStateException("socket closed"));
            return;
        }
        s.sendText(text, Callback.from(() -> done.accept(null), done));
    }

    @Override
    public void ping() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    @Override
    public void close(int code, String reason) {
        Session s = session;
        if (s != null) {
            s.close(code, reason, Callback.NOOP);
        }
    }

    @Override
    public String id() {
        return id;
    }
}
