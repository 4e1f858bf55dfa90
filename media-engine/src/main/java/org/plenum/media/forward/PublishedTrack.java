package org.plenum.media.forward;

import java.util.ArrayList;
import java.util.List;
import org.plenum.media.engine.MediaSource;
import org.plenum.media.rtcp.ReceiveStatistics;
import org.plenum.media.rtp.PayloadCodec;

/**
 * One track a participant publishes (a transceiver of its publish connection): the microphone, the camera
 * or a screen, with up to three simulcast layers. Knows its subscribers, so a packet is fanned out
 * without a lookup.
 */
final class PublishedTrack {

    /** Keyframe requests to the publisher at most this often per layer (RFC 4585 asks for restraint). */
    static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 300_000_000L;

    /** One encoding of the track: a simulcast layer, or the only one. */
    static final class Layer {
        final PublishedTrack track;
        final int index;
        final String rid;
        long ssrc = -1;
        long rtxSsrc = -1;
        ReceiveStatistics stats;
        /** The block of the latest receiver report to the publisher (loss and jitter for the quality score). */
        org.plenum.media.rtcp.ReportBlock lastReport;
        private long windowBytes;
        private long windowStartNanos;
        /** Bits per second over the last full second; 0 when the layer stopped arriving. */
        long bitrate;
        long lastPacketNanos;
        long lastKeyframeRequestNanos;

        Layer(PublishedTrack track, int index, String rid) {
            this.track = track;
            this.index = index;
            this.rid = rid;
        }

        void bind(long ssrc) {
            this.ssrc = ssrc;
            this.stats = new ReceiveStatistics(ssrc, track.clockRate);
        }

        void onPacket(int length, int seq, long timestamp, long nowNanos) {
            stats.onPacket(seq, timestamp, nowNanos);
            lastPacketNanos = nowNanos;
            if (windowStartNanos == 0) {
                windowStartNanos = nowNanos;
            }
            windowBytes += length;
            long elapsed = nowNanos - windowStartNanos;
            if (elapsed >= 1_000_000_000L) {
                bitrate = windowBytes * 8L * 1_000_000_000L / elapsed;
                windowBytes = 0;
                windowStartNanos = nowNanos;
            }
        }

        /** A layer that sent nothing for a second is treated as stopped (browsers drop upper layers under load). */
        long currentBitrate(long nowNanos) {
            if (ssrc < 0 || nowNanos - lastPacketNanos > 1_000_000_000L) {
                return 0;
            }
            return Math.max(bitrate, 1); // arriving, even if the first second is not measured yet
        }

        boolean mayRequestKeyframe(long nowNanos) {
            if (nowNanos - lastKeyframeRequestNanos < KEYFRAME_REQUEST_INTERVAL_NANOS) {
                return false;
            }
            lastKeyframeRequestNanos = nowNanos;
            return true;
        }
    }

    final Peer publisher;
    final String mid;
    final MediaSource source;
    final PayloadCodec codec;
    final int payloadType;
    final int rtxPayloadType;
    final int clockRate;
    final List<Layer> layers = new ArrayList<>();
    final List<Subscription> subscriptions = new ArrayList<>();

    /**
     * @param rids simulcast rids ordered low to high, or empty for a single encoding
     */
    PublishedTrack(Peer publisher, String mid, MediaSource source, PayloadCodec codec, int payloadType, int rtxPayloadType,
                   int clockRate, List<String> rids) {
        this.publisher = publisher;
        this.mid = mid;
        this.source = source;
        this.codec = codec;
        this.payloadType = payloadType;
        this.rtxPayloadType = rtxPayloadType;
        this.clockRate = clockRate;
        if (rids.isEmpty()) {
            layers.add(new Layer(this, 0, null));
        } else {
            for (int i = 0; i < rids.size(); i++) {
                layers.add(new Layer(this, i, rids.get(i)));
            }
        }
    }

    boolean video() {
        return codec.isVideo();
    }

    Layer layerByRid(String rid) {
        for (Layer l : layers) {
            if (rid.equals(l.rid)) {
                return l;
            }
        }
        return null;
    }

    long[] bitrates(long nowNanos) {
        long[] out = new long[layers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = layers.get(i).currentBitrate(nowNanos);
        }
        return out;
    }
}
