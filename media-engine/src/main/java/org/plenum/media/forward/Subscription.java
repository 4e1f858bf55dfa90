package org.plenum.media.forward;

import java.util.List;
import org.plenum.media.engine.EngineMetrics;
import org.plenum.media.rtp.OutgoingStreamRewriter;
import org.plenum.media.rtp.PacketCache;
import org.plenum.media.rtp.RtpPacket;
import org.plenum.media.transport.PeerTransport;

/**
 * One published track as one subscriber receives it: its own SSRC, sequence numbers and timestamps (so a
 * simulcast switch looks like one stream), its own packet cache for retransmissions, and the layer chosen
 * for this subscriber's tile and bandwidth.
 */
final class Subscription {

    /** Packets kept for NACKs: about a second of 2.5 Mbit/s video. */
    private static final int CACHE_PACKETS = 512;
    /** The header extension id the engine's subscribe offers give abs-send-time. */
    static final int ABS_SEND_TIME_ID = org.plenum.media.sdp.SubscribeOffer.ABS_SEND_TIME_ID;
    /** The id the subscribe offers give ssrc-audio-level (audio m-lines only). */
    static final int AUDIO_LEVEL_ID = 1;

    final Peer subscriber;
    final PublishedTrack track;
    /** The subscriber's transceiver mid; set with each offer. */
    String mid;
    final long ssrc;
    final long rtxSsrc;
    final int payloadType;
    final int rtxPayloadType;
    private final OutgoingStreamRewriter rewriter;
    private final PacketCache cache;
    private final RtpPacket outPacket = new RtpPacket();
    private int rtxSeq;

    /** False while this subscriber should get no video of this track (audio only, off screen, not in last-N). */
    boolean active = true;
    /** Wanted layer from the tile size; -1 until the first choice. */
    int tileHeight = -1;

    long packetsSent;
    long octetsSent;
    long lastOutTimestamp;
    long lastOutNanos;
    double lossFraction;
    int jitterMillis;
    int rttMillis;

    Subscription(Peer subscriber, PublishedTrack track, String mid, long ssrc, long rtxSsrc, int payloadType, int rtxPayloadType) {
        this.subscriber = subscriber;
        this.track = track;
        this.mid = mid;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
        this.payloadType = payloadType;
        this.rtxPayloadType = rtxPayloadType;
        this.rewriter = new OutgoingStreamRewriter(ssrc, track.codec, track.clockRate);
        this.cache = track.video() ? new PacketCache(CACHE_PACKETS, PacketCache.DEFAULT_MAX_PACKET_LENGTH) : null;
    }

    /**
     * Sends one packet of the publisher's (already decrypted) to this subscriber, if its layer is the one
     * chosen. {@code audioLevel} is the packet's raw RFC 6464 octet, or -1. {@code out} is the room's scratch buffer.
     */
    void forward(RtpPacket in, PublishedTrack.Layer layer, int audioLevel, long receivedNanos, byte[] out, EngineMetrics metrics) {
        PeerTransport t = subscriber.subscribeTransport();
        if (t == null || !t.connected()) {
            metrics.drop(EngineMetrics.Drop.NO_SUBSCRIBER_PATH);
            return;
        }
        long source = in.ssrc();
        if (track.video()) {
            if (!active) {
                metrics.drop(EngineMetrics.Drop.NOT_SELECTED);
                return;
            }
            if (source != rewriter.currentSource() && source != rewriter.targetSource()) {
                metrics.drop(EngineMetrics.Drop.NOT_SELECTED);
                return;
            }
        } else if (source != rewriter.targetSource()) {
            rewriter.selectSource(source); // audio has one stream; a new SSRC (the browser restarted it) takes over
        }
        int n = copyWithOwnExtensions(in, audioLevel, out);
        if (!outPacket.wrap(out, 0, n) || !rewriter.rewrite(outPacket, receivedNanos)) {
            if (rewriter.awaitingKeyframe()) {
                subscriber.room.requestKeyframe(track, rewriter.targetSource(), receivedNanos);
            }
            return;
        }
        outPacket.setPayloadType(payloadType);
        if (cache != null) {
            cache.store(out, 0, n, receivedNanos);
        }
        packetsSent++;
        octetsSent += outPacket.payloadLength();
        lastOutTimestamp = outPacket.timestamp();
        lastOutNanos = receivedNanos;
        if (t.sendRtp(out, 0, n)) {
            metrics.transitMicros.record((System.nanoTime() - receivedNanos) / 1_000);
        }
    }

    /**
     * The forwarded packet: the publisher's fixed header (without CSRCs), our own one-byte extension block
     * with abs-send-time (so the subscriber's browser can estimate bandwidth and send REMB) and, for audio, the
     * publisher's audio level (the subscribe offer negotiates it; clients show who speaks from it), then the
     * payload and any padding. The publisher's extensions use ids the subscriber never negotiated.
     */
    private static int copyWithOwnExtensions(RtpPacket in, int audioLevel, byte[] out) {
        byte[] src = in.buffer();
        int off = in.offset();
        System.arraycopy(src, off, out, 0, RtpPacket.FIXED_HEADER_LENGTH);
        out[0] = (byte) ((out[0] & 0xE0) | 0x10); // keep V and P, set X, no CSRCs
        int p = RtpPacket.FIXED_HEADER_LENGTH;
        out[p++] = (byte) 0xBE;
        out[p++] = (byte) 0xDE;
        out[p++] = 0;
        out[p++] = (byte) (audioLevel >= 0 ? 2 : 1); // 32-bit words of extensions
        long ast = absSendTime(System.nanoTime());
        out[p++] = (byte) ((ABS_SEND_TIME_ID << 4) | 2);
        out[p++] = (byte) (ast >> 16);
        out[p++] = (byte) (ast >> 8);
        out[p++] = (byte) ast;
        if (audioLevel >= 0) {
            out[p++] = (byte) (AUDIO_LEVEL_ID << 4); // one byte of data
            out[p++] = (byte) audioLevel;
            out[p++] = 0; // padding to the word
            out[p++] = 0;
        }
        int rest = in.offset() + in.length() - in.payloadOffset(); // payload plus padding
        System.arraycopy(src, in.payloadOffset(), out, p, rest);
        return p + rest;
    }

    /** abs-send-time: 6.18 fixed-point seconds, 24 bits. */
    static long absSendTime(long nanos) {
        return (((nanos / 1_000) << 18) / 1_000_000) & 0xFFFFFF;
    }

    /**
     * Starts or pauses this video (audio only, tile off screen, out of last-N). A paused stream resumes at the
     * next keyframe, continuing the subscriber's sequence numbers: its decoder cannot use the frames in between.
     */
    void activate(boolean on) {
        if (active && !on && track.video()) {
            rewriter.pause();
        }
        active = on;
    }

    /** Chooses the source layer to forward from now on (switches at its next keyframe). */
    void select(PublishedTrack.Layer layer, long nowNanos) {
        if (layer.ssrc < 0) {
            return;
        }
        if (layer.ssrc != rewriter.targetSource()) {
            rewriter.selectSource(layer.ssrc);
        } else if (!rewriter.awaitingKeyframe()) {
            return;
        }
        if (track.video()) {
            subscriber.room.requestKeyframe(track, layer.ssrc, nowNanos);
        }
    }

    long targetSource() {
        return rewriter.targetSource();
    }

    long currentSource() {
        return rewriter.currentSource();
    }

    /** The subscriber lost packets: resend them from the cache, as RTX when negotiated. */
    int retransmit(List<Integer> lost, byte[] out, EngineMetrics metrics) {
        PeerTransport t = subscriber.subscribeTransport();
        if (cache == null || t == null) {
            return 0;
        }
        int sent = 0;
        for (int seq : lost) {
            int n = rtxPayloadType > 0
                    ? cache.buildRtx(seq, rtxSsrc, rtxPayloadType, rtxSeq, out, 0)
                    : cache.copy(seq, out, 0);
            if (n <= 0) {
                continue;
            }
            if (rtxPayloadType > 0) {
                rtxSeq = (rtxSeq + 1) & 0xFFFF;
            }
            if (t.sendRtp(out, 0, n)) {
                sent++;
                metrics.retransmissions.increment();
            }
        }
        return sent;
    }

    /** The subscriber's browser asked for a keyframe (PLI or FIR). */
    void keyframeWanted(long nowNanos) {
        long source = rewriter.targetSource() >= 0 ? rewriter.targetSource() : rewriter.currentSource();
        if (source >= 0) {
            subscriber.room.requestKeyframe(track, source, nowNanos);
        }
    }
}
