package org.plenum.core.signaling;

import java.util.concurrent.ScheduledFuture;
import org.plenum.core.signaling.frame.ClientMessage;
import org.plenum.core.signaling.frame.ErrorCode;
import org.plenum.core.signaling.frame.FrameReader;
import org.plenum.core.signaling.frame.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling protocol on one socket: rate limit, frame checks, the join handshake, then forwarding
 * to the room's actor. The transport calls {@link #onText} for each frame (one at a time) and
 * {@link #onClosed} once when the socket is gone. Bad frames are answered here with an error frame and
 * never reach the room.
 */
public final class ClientSession {

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    private enum State { AWAITING_JOIN, JOINING, IN_ROOM, CLOSED }

    private final SignalingHub hub;
    private final Connection connection;
    private final Outbox outbox;
    private final TokenBucket bucket;
    private final RejectionWindow abuse;
    private volatile State state = State.AWAITING_JOIN;
    /** The room this socket joined (or is joining); set before the join is posted, so later frames follow it. */
    private volatile LiveRoom room;
    private volatile ScheduledFuture<?> joinTimer;
    private final java.util.concurrent.atomic.AtomicBoolean gone = new java.util.concurrent.atomic.AtomicBoolean();

    ClientSession(SignalingHub hub, Connection connection) {
        this.hub = hub;
        this.connection = connection;
        SignalingSettings s = hub.settings();
        this.outbox = new Outbox(connection, s.outboundMaxFrames(), this::closedByServer, hub.metrics::frameOut, hub.writers);
        this.bucket = new TokenBucket(s.ratePerSecond(), s.rateBurst(), System::nanoTime);
        this.abuse = new RejectionWindow(s.abuseMaxRejected(), s.abuseWindow(), System::nanoTime);
    }

    void startJoinTimer() {
        joinTimer = hub.schedule(() -> {
            if (state == State.AWAITING_JOIN) {
                close(CloseCode.JOIN_TIMEOUT, "no control/join within " + hub.settings().joinTimeout().toSeconds() + "s");
            }
        }, hub.settings().joinTimeout());
    }

    /** One text frame from the client. */
    public void onText(String text) {
        if (state == State.CLOSED || outbox.isClosed()) {
            return;
        }
        hub.metrics.frameIn();
        if (!bucket.tryTake()) {
            rateLimited(hub.reader.refusal(text, ErrorCode.RATE_LIMITED,
                    "more than " + hub.settings().ratePerSecond() + " frames per second; this frame was dropped"));
            return;
        }
        switch (hub.reader.read(text)) {
            case FrameReader.Rejected r -> {
                sendError(r.ns(), r.id(), r.code(), r.message());
                if (state == State.AWAITING_JOIN) {
                    close(CloseCode.BAD_JOIN, "the first frame must be a valid control/join");
                }
            }
            case FrameReader.Accepted a -> dispatch(a);
            case FrameReader.ForPlugin f -> dispatchToPlugin(f);
        }
    }

    /** One binary frame: the protocol has none. */
    public void onBinary() {
        if (state == State.CLOSED || outbox.isClosed()) {
            return;
        }
        hub.metrics.frameIn();
        if (!bucket.tryTake()) {
            rateLimited(new FrameReader.Rejected(FrameReader.DEFAULT_NS, null, ErrorCode.RATE_LIMITED, "rate limit exceeded"));
            return;
        }
        sendError(FrameReader.DEFAULT_NS, null, ErrorCode.INVALID_MESSAGE, "binary frames are not part of the protocol; send JSON text frames");
        if (state == State.AWAITING_JOIN) {
            close(CloseCode.BAD_JOIN, "the first frame must be a valid control/join");
        }
    }

    /** The socket is gone, whoever closed it. Called once; later calls are ignored. */
    public void onClosed() {
        // the transport and the server's own close (outbox, any thread) may both report it
        if (!gone.compareAndSet(false, true)) {
            return;
        }
        state = State.CLOSED;
        if (!outbox.isClosed()) {
            hub.metrics.closedByClient();
        }
        outbox.discard();
        ScheduledFuture<?> t = joinTimer;
        if (t != null) {
            t.cancel(false);
        }
        hub.sessionClosed(this);
        LiveRoom r = room;
        if (r != null) {
            r.post(new RoomEvent.Disconnected(this));
        }
    }

    private void dispatchToPlugin(FrameReader.ForPlugin f) {
        if (state == State.AWAITING_JOIN) {
            sendError(f.ns(), f.id(), ErrorCode.NOT_JOINED, "the first frame must be control/join");
            close(CloseCode.BAD_JOIN, "the first frame must be control/join");
            return;
        }
        LiveRoom r = room;
        if (r != null) {
            r.post(new RoomEvent.PluginInbound(this, f.ns(), f.type(), f.id(), f.bodyJson()));
        }
    }

    private void dispatch(FrameReader.Accepted a) {
        if (a.message() instanceof ClientMessage.Join join) {
            if (state != State.AWAITING_JOIN) {
                sendError(a.type().ns, a.id(), ErrorCode.ALREADY_JOINED, "this socket has joined already; open a new socket to join again");
                return;
            }
            state = State.JOINING;
            ScheduledFuture<?> t = joinTimer;
            if (t != null) {
                t.cancel(false);
            }
            hub.join(this, join, a.id());
            return;
        }
        if (state == State.AWAITING_JOIN) {
            sendError(a.type().ns, a.id(), ErrorCode.NOT_JOINED, "the first frame must be control/join");
            close(CloseCode.BAD_JOIN, "the first frame must be control/join");
            return;
        }
        LiveRoom r = room;
        if (r != null) {
            r.post(new RoomEvent.Inbound(this, a.type(), a.id(), a.message()));
        }
    }

    private void rateLimited(FrameReader.Rejected r) {
        sendError(r.ns(), r.id(), r.code(), r.message());
        if (abuse.recordAndCheck()) {
            log.atInfo().setMessage("signaling connection closed for abuse").addKeyValue("connection", connection.id()).log();
            close(CloseCode.POLICY_VIOLATION, "rate limit exceeded repeatedly");
        }
    }

    // ---- used by the hub and the room

    /** Points later frames at {@code r}; called before the join is posted to it. */
    void enter(LiveRoom r) {
        room = r;
    }

    void joined() {
        if (state == State.JOINING) {
            state = State.IN_ROOM;
        }
    }

    void send(String frame) {
        outbox.send(frame);
    }

    void send(ServerMessage m, String re) {
        outbox.send(hub.writer.encode(m, re));
    }

    void sendError(String ns, String re, ErrorCode code, String message) {
        hub.metrics.error(code);
        outbox.send(hub.writer.error(ns, re, code, message));
    }

    /** An error frame, then the close: how every refused join ends. */
    void refuse(String re, ErrorCode code, String message, CloseCode close) {
        sendError("control", re, code, message);
        close(close, message);
    }

    /** Closes after the frames already queued went out. */
    void close(CloseCode code, String reason) {
        outbox.closeAfterPending(code, reason.length() > 120 ? reason.substring(0, 120) : reason);
    }

    void ping() {
        if (state != State.CLOSED && !outbox.isClosed()) {
            try {
                connection.ping();
            } catch (RuntimeException e) {
                log.debug("ping failed connection={}", connection.id(), e);
            }
        }
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * The server closed this socket. For the room it is gone now: a close frame stuck behind a clogged
     * connection (slow consumer) may take until the idle timeout to get through.
     */
    private void closedByServer(CloseCode code) {
        hub.metrics.closedByServer(code);
        onClosed();
    }
}
