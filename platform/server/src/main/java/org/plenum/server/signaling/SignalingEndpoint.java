package org.plenum.server.signaling;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.plenum.core.signaling.SignalingHub;
import org.plenum.core.signaling.SignalingSettings;

/** Mounts the signaling WebSocket at {@code /signaling}. */
public final class SignalingEndpoint {

    public static final String PATH = "/signaling";

    private SignalingEndpoint() {
    }

    /**
     * The transport's message limit is set above the protocol's frame limit on purpose: an oversized
     * frame then reaches the core, which answers it with a {@code too_large} error frame and keeps the
     * connection, instead of the transport closing it with 1009.
     */
    public static void mount(ServletContextHandler context, SignalingHub hub) {
        SignalingSettings s = hub.settings();
        JettyWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setMaxTextMessageSize(s.socketMaxBytes());
            container.setMaxBinaryMessageSize(s.socketMaxBytes());
            container.setIdleTimeout(s.idleTimeout());
            container.addMapping(PATH, (request, response) -> new SignalingSocket(hub));
        });
    }
}
