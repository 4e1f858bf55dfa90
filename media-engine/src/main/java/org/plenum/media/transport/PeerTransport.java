package org.plenum.media.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.plenum.media.dtls.DtlsCertificate;
import org.plenum.media.dtls.DtlsServerHandshake;
import org.plenum.media.dtls.SrtpMaterial;
import org.plenum.media.engine.EngineMetrics;
import org.plenum.media.ice.BindingOutcome;
import org.plenum.media.ice.IceCredentials;
import org.plenum.media.ice.IceLiteAgent;
import org.plenum.media.srtp.SrtpContext;
import org.plenum.media.srtp.SrtpException;
import org.plenum.media.srtp.SrtpKeys;
import org.plenum.media.srtp.SrtpProfile;
import org.plenum.media.stun.StunMessage;

/**
 * One browser PeerConnection as the engine sees it: the ICE-lite agent that answers its checks, the
 * DTLS handshake that yields the SRTP keys, and the two SRTP contexts. Everything here runs on the ports'
 * event loop except the blocking DTLS handshake, which hands its result back to the loop.
 *
 * <p>The engine is always the DTLS server: ICE-lite answers with {@code setup:passive}, and offers
 * {@code actpass}, to which browsers answer {@code active}.
 */
public final class PeerTransport {

    /** What the owner of a transport hears from it; called on the event loop. */
    public interface Listener {
        void rtp(PeerTransport transport, byte[] buf, int off, int len, long received);

        void rtcp(PeerTransport transport, byte[] buf, int off, int len, long received);

        void connected(PeerTransport transport);

        void failed(PeerTransport transport, String reason);
    }

    public enum State { NEW, CHECKED, CONNECTED, FAILED, CLOSED }

    /** Early DTLS records kept until the remote fingerprint is known (a browser may start before its answer arrives). */
    private static final int EARLY_DTLS_LIMIT = 16;

    private final IceCredentials local;
    private final IceLiteAgent ice;
    private final DtlsCertificate certificate;
    private final Executor loop;
    private final TransportRouter router;
    private final EngineMetrics metrics;
    private Listener listener;
    private State state = State.NEW;
    private MediaPath path;
    private DtlsServerHandshake dtls;
    private final List<byte[]> earlyDtls = new ArrayList<>();
    private SrtpContext inbound;
    private SrtpContext outbound;
    private SrtpProfile profile;
    private final Object owner;
    private final long createdNanos = System.nanoTime();

    PeerTransport(IceCredentials local, DtlsCertificate certificate, Executor loop, TransportRouter router,
                  EngineMetrics metrics, Object owner) {
        this.local = local;
        this.ice = new IceLiteAgent(local, System.nanoTime());
        this.certificate = certificate;
        this.loop = loop;
        this.router = router;
        this.metrics = metrics;
        this.owner = owner;
    }

    public void listen(Listener l) {
        this.listener = l;
    }

    public IceCredentials localCredentials() {
        return local;
    }

    /** Whoever created this transport (a participant's publish or subscribe side). */
    public Object owner() {
        return owner;
    }

    /** {@link System#nanoTime()} when the transport was created; ICE has to start within the configured time from here. */
    public long createdNanos() {
        return createdNanos;
    }

    public State state() {
        return state;
    }

    public boolean connected() {
        return state == State.CONNECTED;
    }

    public MediaPath path() {
        return path;
    }

    public SrtpProfile profile() {
        return profile;
    }

    /**
     * The peer's certificate fingerprint from its SDP; the DTLS handshake starts once it is known, with any
     * records that arrived before.
     */
    public void expectFingerprint(String sha256Fingerprint) {
        if (dtls != null || state == State.CLOSED || state == State.FAILED) {
            return;
        }
        dtls = new DtlsServerHandshake(certificate, sha256Fingerprint, bytes -> loop.execute(() -> {
            if (path != null && state != State.CLOSED) {
                path.send(bytes, 0, bytes.length);
            }
        }));
        dtls.completion().whenComplete((material, error) -> loop.execute(() -> {
            if (error != null) {
                fail("DTLS handshake failed: " + rootMessage(error));
            } else {
                keysReady(material);
            }
        }));
        for (byte[] early : earlyDtls) {
            dtls.onDatagram(early, 0, early.length);
        }
        earlyDtls.clear();
    }

    void onStun(StunMessage request, MediaPath from, long nowNanos) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        BindingOutcome outcome = ice.onBindingRequest(request, from.remote(), nowNanos);
        switch (outcome) {
            case BindingOutcome.Respond r -> {
                from.send(r.response(), 0, r.response().length);
                if (path == null || r.nominated()) {
                    // the first valid check gives DTLS somewhere to answer; a nomination fixes the path
                    if (path != null && path != from) {
                        router.unbind(path, this);
                    }
                    path = from;
                    router.bind(from, this);
                }
                if (state == State.NEW) {
                    state = State.CHECKED;
                }
            }
            case BindingOutcome.Reject r -> {
                metrics.drop(EngineMetrics.Drop.STUN_REJECTED);
                if (r.errorResponse() != null) {
                    from.send(r.errorResponse(), 0, r.errorResponse().length);
                }
            }
        }
    }

    void onDtls(byte[] buf, int off, int len, MediaPath from) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        if (dtls == null) {
            if (earlyDtls.size() < EARLY_DTLS_LIMIT) {
                byte[] copy = new byte[len];
                System.arraycopy(buf, off, copy, 0, len);
                earlyDtls.add(copy);
            }
            return;
        }
        dtls.onDatagram(buf, off, len);
    }

    void onRtp(byte[] buf, int off, int len, long received) {
        if (inbound == null) {
            metrics.drop(EngineMetrics.Drop.UNKNOWN_SENDER); // media before keys: nothing to decrypt with
            return;
        }
        int plain;
        try {
            plain = inbound.unprotectRtp(buf, off, len);
        } catch (SrtpException e) {
            metrics.drop(e.failure() == org.plenum.media.srtp.SrtpFailure.REPLAYED ? EngineMetrics.Drop.REPLAYED : EngineMetrics.Drop.SRTP_FAILED);
            return;
        }
        listener.rtp(this, buf, off, plain, received);
    }

    void onRtcp(byte[] buf, int off, int len, long received) {
        if (inbound == null) {
            metrics.drop(EngineMetrics.Drop.UNKNOWN_SENDER);
            return;
        }
        int plain;
        try {
            plain = inbound.unprotectRtcp(buf, off, len);
        } catch (SrtpException e) {
            metrics.drop(e.failure() == org.plenum.media.srtp.SrtpFailure.REPLAYED ? EngineMetrics.Drop.REPLAYED : EngineMetrics.Drop.SRTP_FAILED);
            return;
        }
        listener.rtcp(this, buf, off, plain, received);
    }

    /**
     * Encrypts a plain RTP packet in place and sends it. {@code buf} needs {@link #SEND_TAILROOM} spare
     * bytes after the packet.
     *
     * @return false when the transport cannot send yet (no keys or no path)
     */
    public boolean sendRtp(byte[] buf, int off, int len) {
        if (outbound == null || path == null) {
            return false;
        }
        int n;
        try {
            n = outbound.protectRtp(buf, off, len);
        } catch (SrtpException e) {
            return false;
        }
        path.send(buf, off, n);
        metrics.packetsOut.increment();
        metrics.bytesOut.increment(n);
        return true;
    }

    /** As {@link #sendRtp} for an RTCP compound packet. */
    public boolean sendRtcp(byte[] buf, int off, int len) {
        if (outbound == null || path == null) {
            return false;
        }
        int n;
        try {
            n = outbound.protectRtcp(buf, off, len);
        } catch (SrtpException e) {
            return false;
        }
        path.send(buf, off, n);
        return true;
    }

    /** Spare bytes a caller leaves after a packet for {@link #sendRtp}/{@link #sendRtcp}: the largest tag plus the SRTCP index. */
    public static final int SEND_TAILROOM = 32;

    /** RFC 7675: no valid check for 30 s means the peer is gone (or no longer consents). */
    public boolean consentExpired(long nowNanos) {
        return state != State.NEW && ice.consentExpired(nowNanos);
    }

    /** The peer has not even started ICE within {@code limitNanos} of {@code createdNanos}. */
    public void fail(String reason) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        state = State.FAILED;
        release();
        if (listener != null) {
            listener.failed(this, reason);
        }
    }

    /** Ends the transport for good; no callbacks follow. */
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        release();
    }

    private void release() {
        router.forget(this);
        if (dtls != null) {
            dtls.close();
        }
        earlyDtls.clear();
    }

    private void keysReady(SrtpMaterial material) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        profile = SrtpProfile.byId(material.profileId());
        SrtpKeys keys = SrtpKeys.fromDtlsExport(profile, material.keyingMaterial(), true);
        outbound = new SrtpContext(keys.local());
        inbound = new SrtpContext(keys.remote());
        state = State.CONNECTED;
        listener.connected(this);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
