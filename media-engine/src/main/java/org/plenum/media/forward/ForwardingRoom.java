package org.plenum.media.forward;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenum.media.engine.EngineMetrics;
import org.plenum.media.engine.MediaEngineConfig;
import org.plenum.media.engine.MediaListener;
import org.plenum.media.rtcp.RtcpWriter;
import org.plenum.media.transport.PeerTransport;
import org.plenum.media.transport.TransportRouter;

/**
 * The forwarding plane of one room: its peers, who receives whose tracks, the dominant speaker and
 * last-N. Owned by the engine's event loop; nothing here is thread-safe or needs to be.
 */
public final class ForwardingRoom {

    /** The SSRC the engine signs its own RTCP (REMB, RR, PLI) with. */
    static final long ENGINE_SSRC = 0x504C4E4DL; // "PLNM"

    final String id;
    final MediaEngineConfig config;
    final EngineMetrics metrics;
    final TransportRouter router;
    final Negotiation sdp;
    final DominantSpeaker speakers = new DominantSpeaker();
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    /** Scratch for building one outgoing packet; the event loop sends it before building the next. */
    final byte[] out = new byte[2048];
    private final byte[] rtcpOut = new byte[1500];
    private List<String> lastNOrder = List.of();
    /** When each participant last spoke; a holder updated in place, since every audio packet may update it. */
    private final Map<String, long[]> lastSpokeNanos = new LinkedHashMap<>();

    public ForwardingRoom(String id, MediaEngineConfig config, EngineMetrics metrics, TransportRouter router, Negotiation sdp) {
        this.id = id;
        this.config = config;
        this.metrics = metrics;
        this.router = router;
        this.sdp = sdp;
    }

    public String id() {
        return id;
    }

    public Peer join(String participantId, MediaListener listener) {
        Peer existing = peers.remove(participantId);
        if (existing != null) {
            existing.close();
        }
        Peer p = new Peer(participantId, this, listener);
        peers.put(participantId, p);
        tracksChanged();
        return p;
    }

    void left(Peer p) {
        if (peers.remove(p.id, p)) {
            speakers.forget(p.id);
            lastSpokeNanos.remove(p.id);
            tracksChanged();
        }
    }

    public boolean isEmpty() {
        return peers.isEmpty();
    }

    public void close() {
        for (Peer p : new ArrayList<>(peers.values())) {
            p.close();
        }
        peers.clear();
    }

    /** Published tracks came or went: every peer's subscriptions and subscribe offer follow. */
    void tracksChanged() {
        List<PublishedTrack> all = new ArrayList<>();
        for (Peer p : peers.values()) {
            all.addAll(p.publishedTracks());
        }
        for (Peer p : peers.values()) {
            p.syncSubscriptions(all);
        }
    }

    /** Asks a publisher for a keyframe of one layer, at most every 300 ms per layer. */
    void requestKeyframe(PublishedTrack track, long sourceSsrc, long nowNanos) {
        for (PublishedTrack.Layer l : track.layers) {
            if (l.ssrc == sourceSsrc && l.mayRequestKeyframe(nowNanos)) {
                PeerTransport t = track.publisher.publishTransport();
                if (t != null && t.connected()) {
                    int n = RtcpWriter.pli(rtcpOut, 0, ENGINE_SSRC, sourceSsrc);
                    t.sendRtcp(rtcpOut, 0, n);
                    metrics.keyframeRequests.increment();
                }
                return;
            }
        }
    }

    void spoke(String participantId, int minusDbov, long nowNanos) {
        speakers.onLevel(participantId, minusDbov, nowNanos / 1_000_000);
        if (minusDbov <= DominantSpeaker.SPEECH_DBOV) {
            long[] at = lastSpokeNanos.get(participantId);
            if (at == null) {
                lastSpokeNanos.put(participantId, new long[] {nowNanos});
            } else {
                at[0] = nowNanos;
            }
        }
    }

    /** Whether {@code subscriber} gets {@code publisher}'s video under last-N (nobody counts themself). */
    boolean inLastN(String subscriber, String publisher) {
        int n = config.lastN();
        if (n <= 0) {
            return true;
        }
        int seen = 0;
        for (String id : lastNOrder) {
            if (id.equals(subscriber)) {
                continue;
            }
            if (id.equals(publisher)) {
                return true;
            }
            if (++seen >= n) {
                return false;
            }
        }
        return false;
    }

    /** The periodic work: reports, layer choices, speaker and last-N, dead connections. Event loop, every 200 ms. */
    public void tick(long nowNanos) {
        String dominant = speakers.evaluate(nowNanos / 1_000_000);
        if (dominant != null) {
            for (Peer p : peers.values()) {
                p.listener.dominantSpeaker(dominant);
            }
        }
        lastNOrder = lastNOrder();
        for (Peer p : new ArrayList<>(peers.values())) {
            p.tick(nowNanos, rtcpOut);
        }
    }

    /**
     * The N participants whose video is forwarded: the dominant speaker first, then whoever spoke most
     * recently, then the earliest joiners (who are likely the chair).
     */
    private List<String> lastNOrder() {
        if (config.lastN() <= 0) {
            return List.of();
        }
        List<String> order = new ArrayList<>(peers.keySet());
        String dominant = speakers.current();
        order.sort(Comparator.comparing((String id) -> !id.equals(dominant))
                .thenComparingLong(id -> -lastSpoke(id)));
        return order;
    }

    private long lastSpoke(String participantId) {
        long[] at = lastSpokeNanos.get(participantId);
        return at == null ? Long.MIN_VALUE / 2 : at[0];
    }

    Iterable<Peer> peers() {
        return peers.values();
    }
}
