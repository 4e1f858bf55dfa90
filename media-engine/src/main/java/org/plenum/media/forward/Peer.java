package org.plenum.media.forward;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plenum.media.engine.ConnectionQuality;
import org.plenum.media.engine.EngineMetrics;
import org.plenum.media.engine.MediaException;
import org.plenum.media.engine.MediaListener;
import org.plenum.media.engine.MediaSource;
import org.plenum.media.engine.TileHint;
import org.plenum.media.engine.TrackInfo;
import org.plenum.media.rtcp.Fir;
import org.plenum.media.rtcp.Nack;
import org.plenum.media.rtcp.Pli;
import org.plenum.media.rtcp.ReceiverReport;
import org.plenum.media.rtcp.Remb;
import org.plenum.media.rtcp.ReportBlock;
import org.plenum.media.rtcp.RtcpCompound;
import org.plenum.media.rtcp.RtcpPacket;
import org.plenum.media.rtcp.RtcpParseException;
import org.plenum.media.rtcp.RtcpWriter;
import org.plenum.media.rtcp.SenderReport;
import org.plenum.media.rtp.HeaderExtensions;
import org.plenum.media.rtp.RtpPacket;
import org.plenum.media.sdp.Codec;
import org.plenum.media.sdp.ForwardedTrack;
import org.plenum.media.sdp.SdpException;
import org.plenum.media.sdp.SessionDescription;
import org.plenum.media.sdp.SetupRole;
import org.plenum.media.sdp.SubscribeAnswer;
import org.plenum.media.sdp.SubscribeOffer;
import org.plenum.media.transport.PeerTransport;

/**
 * One participant in the forwarding plane, with its two connections: the publish connection (the
 * browser's offer, its tracks in) and the subscribe connection (the engine's offer, everyone else's
 * tracks out). Event loop only.
 */
public final class Peer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;
    private static final long QUALITY_INTERVAL_NANOS = 2_000_000_000L;

    final String id;
    final ForwardingRoom room;
    final MediaListener listener;
    private PeerTransport publish;
    private PeerTransport subscribe;
    private HeaderExtensions extensions = HeaderExtensions.NONE;
    private final Map<String, PublishedTrack> tracks = new LinkedHashMap<>();
    private final Map<Long, PublishedTrack.Layer> layersBySsrc = new HashMap<>();
    /**
     * The values of {@link #layersBySsrc} for the packet path: a scan over a few layers finds one without
     * boxing the SSRC into a {@code Long} per packet. Rebuilt by {@link #indexLayers()} on every change.
     */
    private PublishedTrack.Layer[] layerIndex = new PublishedTrack.Layer[0];
    private final Set<Long> rtxSsrcs = new HashSet<>();
    private final RtpPacket packet = new RtpPacket();

    // subscribing
    /** What this peer receives, by the SDP track id "publisher-source"; insertion order is offer order. */
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<Long, Subscription> byOutSsrc = new HashMap<>();
    private SubscribeOffer offer;
    private boolean offerOutstanding;
    private boolean reofferWanted;
    private long publishVersion;
    private boolean audioOnly;
    private boolean muteEnforced;
    /** Tile sizes by "participant/source"; null until the client sends its first view. */
    private Map<String, TileHint> view;
    private long bandwidthBps = Long.MAX_VALUE;
    private long lastReportNanos;
    private long lastQualityNanos;
    private int lastScore = -1;

    Peer(String id, ForwardingRoom room, MediaListener listener) {
        this.id = id;
        this.room = room;
        this.listener = listener;
    }

    public String id() {
        return id;
    }

    PeerTransport publishTransport() {
        return publish;
    }

    PeerTransport subscribeTransport() {
        return subscribe;
    }

    List<PublishedTrack> publishedTracks() {
        return publish != null && publish.connected() ? List.copyOf(tracks.values()) : List.of();
    }

    // ---- publishing

    /** Answers the browser's publish offer. A new offer on the same connection (screen share added) keeps it. */
    public String publish(String offer, Map<String, MediaSource> sources) throws MediaException {
        boolean fresh = publish == null;
        if (fresh) {
            publish = room.router.create(this);
            publish.listen(new PublishSide());
        }
        Negotiation.PublishOutcome outcome;
        try {
            outcome = room.sdp.answerPublish(offer, publish, sources, publishVersion + 1);
        } catch (MediaException e) {
            if (fresh) {
                // a refused first offer leaves nothing behind (no transport that would time out and report a failure)
                publish.close();
                publish = null;
            }
            throw e;
        }
        publishVersion++;
        publish.expectFingerprint(outcome.remoteFingerprint());
        extensions = outcome.extensions();
        Map<String, PublishedTrack> next = new LinkedHashMap<>();
        for (Negotiation.TrackSpec spec : outcome.tracks()) {
            PublishedTrack old = tracks.get(spec.mid());
            if (old != null && old.codec == spec.codec() && old.source == spec.source()
                    && old.layers.size() == Math.max(1, spec.rids().size())) {
                next.put(spec.mid(), old); // renegotiation without change: keep layers and subscribers
                continue;
            }
            PublishedTrack t = new PublishedTrack(this, spec.mid(), spec.source(), spec.codec(), spec.payloadType(),
                    spec.rtxPayloadType(), spec.clockRate(), spec.rids());
            if (spec.rids().isEmpty()) {
                for (long[] pair : spec.ssrcs()) {
                    t.layers.get(0).bind(pair[0]);
                    if (pair.length > 1 && pair[1] >= 0) {
                        t.layers.get(0).rtxSsrc = pair[1];
                    }
                }
            }
            next.put(spec.mid(), t);
        }
        tracks.clear();
        tracks.putAll(next);
        layersBySsrc.clear();
        rtxSsrcs.clear();
        for (PublishedTrack t : tracks.values()) {
            for (PublishedTrack.Layer l : t.layers) {
                if (l.ssrc >= 0) {
                    layersBySsrc.put(l.ssrc, l);
                }
                if (l.rtxSsrc >= 0) {
                    rtxSsrcs.add(l.rtxSsrc);
                }
            }
        }
        indexLayers();
        if (publish.connected()) {
            room.tracksChanged();
        }
        if (subscribe == null && !subscriptions.isEmpty() && !offerOutstanding) {
            offer(); // the client starts over after media/failed: its subscribe side starts over too
        }
        return outcome.answer();
    }

    private final class PublishSide implements PeerTransport.Listener {
        @Override
        public void rtp(PeerTransport t, byte[] buf, int off, int len, long received) {
            onPublishedRtp(buf, off, len, received);
        }

        @Override
        public void rtcp(PeerTransport t, byte[] buf, int off, int len, long received) {
            onPublisherRtcp(buf, off, len, received);
        }

        @Override
        public void connected(PeerTransport t) {
            room.tracksChanged();
        }

        @Override
        public void failed(PeerTransport t, String reason) {
            if (t == publish) {
                publish = null;
                tracks.clear();
                layersBySsrc.clear();
                indexLayers();
                room.tracksChanged();
                listener.mediaFailed("publishing stopped: " + reason);
            }
        }
    }

    private void onPublishedRtp(byte[] buf, int off, int len, long received) {
        if (!packet.wrap(buf, off, len)) {
            room.metrics.drop(EngineMetrics.Drop.GARBAGE);
            return;
        }
        long ssrc = packet.ssrc();
        PublishedTrack.Layer layer = layerOf(ssrc);
        if (layer == null) {
            if (rtxSsrcs.contains(ssrc)) {
                return; // the publisher's retransmissions: the engine does not ask for them
            }
            layer = learn(packet);
            if (layer == null) {
                room.metrics.drop(EngineMetrics.Drop.UNKNOWN_STREAM);
                return;
            }
        }
        PublishedTrack track = layer.track;
        if (packet.payloadType() != track.payloadType) {
            return; // RTX on the media SSRC's payload type list, or a codec we did not accept
        }
        layer.onPacket(len, packet.sequenceNumber(), packet.timestamp(), received);
        int level = -1;
        if (track.source == MediaSource.MICROPHONE) {
            if (muteEnforced) {
                // nobody hears a muted participant, so they are not the speaker either (no highlight, no last-N slot)
                room.metrics.drop(EngineMetrics.Drop.MUTED);
                return;
            }
            level = extensions.audioLevel(packet);
            if (level >= 0) {
                room.spoke(id, HeaderExtensions.levelDbov(level), received);
            }
        }
        List<Subscription> subscriptions = track.subscriptions;
        for (int i = 0, n = subscriptions.size(); i < n; i++) {
            subscriptions.get(i).forward(packet, layer, level, received, room.out, room.metrics);
        }
    }

    private PublishedTrack.Layer layerOf(long ssrc) {
        for (PublishedTrack.Layer l : layerIndex) {
            if (l.ssrc == ssrc) {
                return l;
            }
        }
        return null;
    }

    private void indexLayers() {
        layerIndex = layersBySsrc.values().toArray(PublishedTrack.Layer[]::new);
    }

    /** An SSRC not signalled in SDP: simulcast layers are told by their rid (or mid) header extension. */
    private PublishedTrack.Layer learn(RtpPacket p) {
        String mid = extensions.mid(p);
        PublishedTrack track = mid == null ? null : tracks.get(mid);
        if (track == null) {
            return null;
        }
        String repaired = extensions.repairedRid(p);
        if (repaired != null) {
            rtxSsrcs.add(p.ssrc());
            return null;
        }
        if (p.payloadType() == track.rtxPayloadType) {
            rtxSsrcs.add(p.ssrc());
            return null;
        }
        String rid = extensions.rid(p);
        PublishedTrack.Layer layer = rid != null ? track.layerByRid(rid) : track.layers.size() == 1 ? track.layers.get(0) : null;
        if (layer == null) {
            return null;
        }
        if (layer.ssrc >= 0) {
            layersBySsrc.remove(layer.ssrc); // the browser restarted the encoding with a new SSRC
        }
        layer.bind(p.ssrc());
        layersBySsrc.put(p.ssrc(), layer);
        indexLayers();
        // subscribers waiting for this layer can now be pointed at it
        for (Subscription s : track.subscriptions) {
            if (s.targetSource() < 0) {
                s.subscriber.chooseLayer(s, System.nanoTime()); // the subscriber's view, audio-only and bandwidth
            }
        }
        return layer;
    }

    private void onPublisherRtcp(byte[] buf, int off, int len, long received) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpCompound.parse(buf, off, len);
        } catch (RtcpParseException e) {
            room.metrics.drop(EngineMetrics.Drop.GARBAGE);
            return;
        }
        for (RtcpPacket p : packets) {
            if (p instanceof SenderReport sr) {
                PublishedTrack.Layer l = layersBySsrc.get(sr.senderSsrc());
                if (l != null) {
                    l.stats.onSenderReport(sr, received);
                }
            }
        }
    }

    /** Moderator mute: the engine drops this participant's audio, whatever the client does. */
    public void enforceMute(boolean muted) {
        this.muteEnforced = muted;
    }

    public boolean muteEnforced() {
        return muteEnforced;
    }

    // ---- subscribing

    /** Brings this peer's subscriptions in line with the room's published tracks, and re-offers if they changed. */
    void syncSubscriptions(List<PublishedTrack> all) {
        Map<String, PublishedTrack> wanted = new LinkedHashMap<>();
        for (PublishedTrack t : all) {
            if (t.publisher != this) {
                wanted.put(trackId(t), t);
            }
        }
        boolean changed = false;
        for (var it = subscriptions.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (wanted.get(e.getKey()) != e.getValue().track) {
                Subscription gone = e.getValue();
                gone.track.subscriptions.remove(gone);
                byOutSsrc.remove(gone.ssrc);
                it.remove();
                changed = true;
            }
        }
        for (var e : wanted.entrySet()) {
            if (subscriptions.containsKey(e.getKey())) {
                continue;
            }
            PublishedTrack t = e.getValue();
            Codec codec = Negotiation.sdpCodec(t.codec);
            long ssrc = randomSsrc();
            long rtx = codec.subscribeRtxPayloadType() > 0 ? randomSsrc() : -1;
            Subscription s = new Subscription(this, t, e.getKey(), ssrc, rtx, codec.subscribePayloadType(), codec.subscribeRtxPayloadType());
            subscriptions.put(e.getKey(), s);
            t.subscriptions.add(s);
            byOutSsrc.put(ssrc, s);
            chooseLayer(s, System.nanoTime());
            changed = true;
        }
        if (changed) {
            offer();
        }
    }

    /** The SDP track id of a forwarded track: stable for as long as the publisher keeps it. */
    private static String trackId(PublishedTrack t) {
        return t.publisher.id + "-" + t.source.wireName();
    }

    private long randomSsrc() {
        long ssrc;
        do {
            ssrc = RANDOM.nextInt() & 0xFFFFFFFFL;
        } while (ssrc == 0 || byOutSsrc.containsKey(ssrc) || ssrc == ForwardingRoom.ENGINE_SSRC);
        return ssrc;
    }

    /**
     * Sends a new subscribe offer, or remembers to once the outstanding one is answered: the m-line recycling of
     * {@link SubscribeOffer} relies on the browser having applied each offer.
     */
    private void offer() {
        if (offerOutstanding) {
            reofferWanted = true;
            return;
        }
        if (subscriptions.isEmpty() && offer == null) {
            return; // nothing to receive yet, and no connection to keep up to date
        }
        if (subscribe == null) {
            subscribe = room.router.create(this);
            subscribe.listen(new SubscribeSide());
            offer = null;
        }
        List<ForwardedTrack> tracks = new ArrayList<>();
        for (var e : subscriptions.entrySet()) {
            Subscription s = e.getValue();
            Codec codec = Negotiation.sdpCodec(s.track.codec);
            tracks.add(new ForwardedTrack(null, codec.kind(), s.track.publisher.id, e.getKey(), s.ssrc,
                    Math.max(0, s.rtxSsrc), codec));
        }
        offer = offer == null ? SubscribeOffer.initial(room.sdp.local(subscribe), tracks) : offer.next(tracks);
        List<TrackInfo> infos = new ArrayList<>();
        for (var e : subscriptions.entrySet()) {
            String mid = offer.midOf(e.getKey()).orElseThrow();
            e.getValue().mid = mid;
            infos.add(new TrackInfo(mid, e.getValue().track.publisher.id, e.getValue().track.source));
        }
        offerOutstanding = true;
        listener.subscribeOffer(offer.sdp().toString(), offer.version(), infos);
    }

    /** The client's answer to subscribe offer {@code version}; an answer to an older offer is refused. */
    public void answerSubscribe(String answer, long version) throws MediaException {
        if (offer == null || version != offer.version()) {
            throw new MediaException("this answers subscribe offer " + version + ", but the current offer is "
                    + (offer == null ? "none" : offer.version()) + "; answer the newest offer");
        }
        if (!offerOutstanding) {
            throw new MediaException("subscribe offer " + version + " was answered already");
        }
        SubscribeAnswer parsed;
        try {
            parsed = offer.accept(SessionDescription.parse(answer));
        } catch (SdpException e) {
            throw new MediaException("the subscribe answer was refused: " + e.getMessage(), e);
        }
        if (parsed.remote().setup() == SetupRole.PASSIVE) {
            throw new MediaException("the subscribe answer says setup:passive; the engine is always the DTLS server, answer setup:active");
        }
        subscribe.expectFingerprint(parsed.remote().fingerprintSha256());
        offerOutstanding = false;
        if (reofferWanted) {
            reofferWanted = false;
            offer();
        }
    }

    private final class SubscribeSide implements PeerTransport.Listener {
        @Override
        public void rtp(PeerTransport t, byte[] buf, int off, int len, long received) {
            // a subscribe connection carries no media from the browser (all m-lines are sendonly from here)
        }

        @Override
        public void rtcp(PeerTransport t, byte[] buf, int off, int len, long received) {
            onSubscriberRtcp(buf, off, len, received);
        }

        @Override
        public void connected(PeerTransport t) {
            long now = System.nanoTime();
            for (Subscription s : subscriptions.values()) {
                if (s.track.video()) {
                    s.keyframeWanted(now); // the first picture as soon as possible
                }
            }
        }

        @Override
        public void failed(PeerTransport t, String reason) {
            if (t == subscribe) {
                subscribe = null;
                offer = null; // a new connection starts with a fresh offer
                offerOutstanding = false;
                listener.mediaFailed("receiving stopped: " + reason);
            }
        }
    }

    private void onSubscriberRtcp(byte[] buf, int off, int len, long received) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpCompound.parse(buf, off, len);
        } catch (RtcpParseException e) {
            room.metrics.drop(EngineMetrics.Drop.GARBAGE);
            return;
        }
        for (RtcpPacket p : packets) {
            switch (p) {
                case Pli pli -> {
                    Subscription s = byOutSsrc.get(pli.mediaSsrc());
                    if (s != null) {
                        s.keyframeWanted(received);
                    }
                }
                case Fir fir -> {
                    for (Fir.Entry e : fir.entries()) {
                        Subscription s = byOutSsrc.get(e.ssrc());
                        if (s != null) {
                            s.keyframeWanted(received);
                        }
                    }
                }
                case Nack nack -> {
                    Subscription s = byOutSsrc.get(nack.mediaSsrc());
                    if (s != null) {
                        s.retransmit(nack.lostSequenceNumbers(), room.out, room.metrics);
                    }
                }
                case Remb remb -> bandwidthBps = Math.max(remb.bitrateBps(), 30_000);
                case ReceiverReport rr -> reports(rr.reports(), received);
                case SenderReport sr -> reports(sr.reports(), received);
                default -> {
                }
            }
        }
    }

    private void reports(List<ReportBlock> blocks, long nowNanos) {
        long nowCompact = NtpTime.compact(NtpTime.fromMillis(System.currentTimeMillis()));
        for (ReportBlock b : blocks) {
            Subscription s = byOutSsrc.get(b.ssrc());
            if (s == null) {
                continue;
            }
            s.lossFraction = b.fractionLost() / 256.0;
            s.jitterMillis = (int) (b.jitter() * 1000 / s.track.clockRate);
            if (b.lastSr() != 0) {
                long rtt = (nowCompact - b.lastSr() - b.delaySinceLastSr()) & 0xFFFFFFFFL;
                s.rttMillis = (int) Math.min(60_000, rtt * 1000 / 65536);
            }
        }
    }

    /** Audio only: no video to this participant at all. */
    public void audioOnly(boolean enabled) {
        this.audioOnly = enabled;
        applyView(System.nanoTime());
    }

    /** The tiles this participant shows; video not listed is paused. */
    public void view(List<TileHint> tiles) {
        Map<String, TileHint> next = new HashMap<>();
        for (TileHint h : tiles) {
            next.put(h.participantId() + "/" + h.source().wireName(), h);
        }
        this.view = next;
        applyView(System.nanoTime());
    }

    private void applyView(long nowNanos) {
        for (Subscription s : subscriptions.values()) {
            if (s.track.video()) {
                chooseLayer(s, nowNanos);
            }
        }
    }

    /** Whether this subscription should flow, and which layer: tile size first, then bandwidth. */
    private void chooseLayer(Subscription s, long nowNanos) {
        PublishedTrack t = s.track;
        if (!t.video()) {
            return;
        }
        TileHint hint = view == null ? null : view.get(t.publisher.id + "/" + t.source.wireName());
        boolean visible = view == null || (hint != null && hint.visible());
        s.activate(!audioOnly && visible && room.inLastN(id, t.publisher.id));
        if (!s.active) {
            return;
        }
        int tileHeight = hint != null ? hint.height() : 360;
        int wanted = LayerChoice.forTile(tileHeight, t.layers.size());
        long budget = bandwidthBps == Long.MAX_VALUE ? Long.MAX_VALUE : bandwidthBps / Math.max(1, activeVideo());
        int chosen = LayerChoice.choose(t.bitrates(nowNanos), wanted, budget);
        if (chosen < 0) {
            // nothing measured yet: the layer the tile wants, once its SSRC is known
            for (int i = Math.min(wanted, t.layers.size() - 1); i >= 0; i--) {
                if (t.layers.get(i).ssrc >= 0) {
                    chosen = i;
                    break;
                }
            }
        }
        if (chosen >= 0) {
            s.select(t.layers.get(chosen), nowNanos);
        }
    }

    private int activeVideo() {
        int n = 0;
        for (Subscription s : subscriptions.values()) {
            if (s.track.video() && s.active) {
                n++;
            }
        }
        return n;
    }

    // ---- periodic work

    void tick(long nowNanos, byte[] rtcp) {
        if (failedToConnect(publish, nowNanos) || failedToConnect(subscribe, nowNanos)) {
            return;
        }
        applyView(nowNanos);
        if (nowNanos - lastReportNanos >= REPORT_INTERVAL_NANOS) {
            lastReportNanos = nowNanos;
            reportToPublisher(rtcp);
            reportToSubscriber(rtcp, nowNanos);
        }
        if (nowNanos - lastQualityNanos >= QUALITY_INTERVAL_NANOS) {
            lastQualityNanos = nowNanos;
            quality();
        }
    }

    private boolean failedToConnect(PeerTransport t, long nowNanos) {
        if (t == null) {
            return false;
        }
        if (t.consentExpired(nowNanos)) {
            t.fail("no connectivity checks for 30 s (consent expired)");
            return true;
        }
        // from the transport's creation, not the participant's join: a connection made for a late publisher gets its full time
        if (!t.connected() && nowNanos - t.createdNanos() > room.config.iceTimeout().toNanos() && t.state() == PeerTransport.State.NEW) {
            t.fail("ICE did not connect within " + room.config.iceTimeout().toSeconds() + " s");
            return true;
        }
        return false;
    }

    /** RR for every layer received, and REMB granting the configured bitrate so browsers send all layers. */
    private void reportToPublisher(byte[] rtcp) {
        if (publish == null || !publish.connected() || layersBySsrc.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<ReportBlock> blocks = new ArrayList<>();
        List<Long> ssrcs = new ArrayList<>();
        for (PublishedTrack.Layer l : layersBySsrc.values()) {
            if (blocks.size() < 31) {
                l.lastReport = l.stats.reportBlock(now);
                blocks.add(l.lastReport);
            }
            ssrcs.add(l.ssrc);
        }
        int n = RtcpWriter.receiverReport(rtcp, 0, ForwardingRoom.ENGINE_SSRC, blocks);
        n += RtcpWriter.remb(rtcp, n, ForwardingRoom.ENGINE_SSRC, room.config.publishBitrateBps(), ssrcs.subList(0, Math.min(ssrcs.size(), 64)));
        publish.sendRtcp(rtcp, 0, n);
    }

    /** A sender report per forwarded stream, so the browser can sync audio with video and measure RTT. */
    private void reportToSubscriber(byte[] rtcp, long nowNanos) {
        if (subscribe == null || !subscribe.connected()) {
            return;
        }
        long ntp = NtpTime.fromMillis(System.currentTimeMillis());
        for (Subscription s : subscriptions.values()) {
            if (s.packetsSent == 0) {
                continue;
            }
            long rtpNow = (s.lastOutTimestamp + (nowNanos - s.lastOutNanos) * s.track.clockRate / 1_000_000_000L) & 0xFFFFFFFFL;
            int n = RtcpWriter.senderReport(rtcp, 0, s.ssrc, ntp, rtpNow, s.packetsSent, s.octetsSent, List.of());
            n += RtcpWriter.sdesCname(rtcp, n, s.ssrc, s.track.publisher.id);
            subscribe.sendRtcp(rtcp, 0, n);
        }
    }

    private void quality() {
        double loss = 0;
        int jitter = 0;
        int rtt = 0;
        boolean known = false;
        for (Subscription s : subscriptions.values()) {
            if (s.packetsSent > 0) {
                loss = Math.max(loss, s.lossFraction);
                jitter = Math.max(jitter, s.jitterMillis);
                rtt = Math.max(rtt, s.rttMillis);
                known = true;
            }
        }
        for (PublishedTrack.Layer l : layersBySsrc.values()) {
            ReportBlock b = l.lastReport;
            if (b != null) {
                loss = Math.max(loss, b.fractionLost() / 256.0);
                jitter = Math.max(jitter, (int) (b.jitter() * 1000 / l.track.clockRate));
                known = true;
            }
        }
        if (!known) {
            return;
        }
        ConnectionQuality q = ConnectionQuality.of(loss, rtt, jitter);
        if (q.score() != lastScore) {
            lastScore = q.score();
            listener.quality(q);
        }
    }

    /** Leaves the room: both connections end, subscribers are re-offered without this peer's tracks. */
    public void close() {
        for (Subscription s : subscriptions.values()) {
            s.track.subscriptions.remove(s);
        }
        subscriptions.clear();
        byOutSsrc.clear();
        if (publish != null) {
            publish.close();
            publish = null;
        }
        if (subscribe != null) {
            subscribe.close();
            subscribe = null;
        }
        tracks.clear();
        room.left(this);
    }
}
