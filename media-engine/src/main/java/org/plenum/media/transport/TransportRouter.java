package org.plenum.media.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.plenum.media.dtls.DtlsCertificate;
import org.plenum.media.engine.EngineMetrics;
import org.plenum.media.ice.IceCredentials;
import org.plenum.media.ice.IceLiteAgent;
import org.plenum.media.stun.StunMessage;
import org.plenum.media.stun.StunParseException;

/**
 * Finds the transport a packet on the shared port belongs to. STUN binding requests are matched by the
 * local ICE username fragment (the part of USERNAME before the colon); once ICE has accepted a path, DTLS
 * and SRTP from that path go to its transport. Packets from paths no transport knows are dropped and
 * counted. Event loop only.
 */
public final class TransportRouter implements DatagramReceiver {

    private final Map<String, PeerTransport> byUfrag = new HashMap<>();
    private final Map<MediaPath, PeerTransport> byPath = new HashMap<>();
    private final DtlsCertificate certificate;
    private final EngineMetrics metrics;
    private Executor loop;

    public TransportRouter(DtlsCertificate certificate, EngineMetrics metrics) {
        this.certificate = certificate;
        this.metrics = metrics;
    }

    /** The loop transports hand their DTLS results back to; set once the ports are open. */
    public void runOn(Executor loop) {
        this.loop = loop;
    }

    /** A new transport with fresh ICE credentials. Event loop only. */
    public PeerTransport create(Object owner) {
        IceCredentials creds;
        do {
            creds = IceCredentials.random();
        } while (byUfrag.containsKey(creds.ufrag()));
        PeerTransport t = new PeerTransport(creds, certificate, loop, this, metrics, owner);
        byUfrag.put(creds.ufrag(), t);
        metrics.sessions(byUfrag.size());
        return t;
    }

    public int transports() {
        return byUfrag.size();
    }

    void bind(MediaPath path, PeerTransport t) {
        byPath.put(path, t);
    }

    void unbind(MediaPath path, PeerTransport t) {
        byPath.remove(path, t);
    }

    void forget(PeerTransport t) {
        byUfrag.remove(t.localCredentials().ufrag(), t);
        byPath.values().removeIf(v -> v == t);
        metrics.sessions(byUfrag.size());
    }

    @Override
    public void onPacket(byte[] buf, int off, int len, MediaPath path, long received) {
        metrics.packetsIn.increment();
        metrics.bytesIn.increment(len);
        switch (PacketClass.of(buf, off, len)) {
            case STUN -> stun(buf, off, len, path, received);
            case DTLS -> {
                PeerTransport t = byPath.get(path);
                if (t == null) {
                    metrics.drop(EngineMetrics.Drop.UNKNOWN_SENDER);
                } else {
                    t.onDtls(buf, off, len, path);
                }
            }
            case RTP -> {
                PeerTransport t = byPath.get(path);
                if (t == null) {
                    metrics.drop(EngineMetrics.Drop.UNKNOWN_SENDER);
                } else {
                    t.onRtp(buf, off, len, received);
                }
            }
            case RTCP -> {
                PeerTransport t = byPath.get(path);
                if (t == null) {
                    metrics.drop(EngineMetrics.Drop.UNKNOWN_SENDER);
                } else {
                    t.onRtcp(buf, off, len, received);
                }
            }
            case UNKNOWN -> metrics.drop(EngineMetrics.Drop.GARBAGE);
        }
    }

    @Override
    public void onOversized(MediaPath path, int length) {
        metrics.packetsIn.increment();
        metrics.bytesIn.increment(length);
        metrics.drop(EngineMetrics.Drop.OVERSIZED);
    }

    @Override
    public void onPathClosed(MediaPath path) {
        PeerTransport t = byPath.remove(path);
        if (t != null && t.path() == path) {
            t.fail("the ICE-TCP connection closed");
        }
    }

    private void stun(byte[] buf, int off, int len, MediaPath path, long received) {
        StunMessage m;
        try {
            m = StunMessage.parse(buf, off, len);
        } catch (StunParseException e) {
            metrics.drop(EngineMetrics.Drop.GARBAGE);
            return;
        }
        if (!m.isBindingRequest()) {
            metrics.drop(EngineMetrics.Drop.STUN_REJECTED); // ICE-lite sends no checks, so expects no responses
            return;
        }
        PeerTransport t = IceLiteAgent.localUfragOf(m).map(byUfrag::get).orElse(null);
        if (t == null) {
            metrics.drop(EngineMetrics.Drop.UNKNOWN_SENDER);
            return;
        }
        t.onStun(m, path, received);
    }
}
