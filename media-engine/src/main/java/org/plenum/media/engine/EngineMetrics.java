package org.plenum.media.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's meters, created once so the packet path only increments. Names follow the platform's
 * {@code plenum_*} scheme; drops are counted by reason so an operator can tell garbage from congestion.
 */
public final class EngineMetrics {

    /** Why a packet was not forwarded. */
    public enum Drop {
        GARBAGE, OVERSIZED, UNKNOWN_SENDER, STUN_REJECTED, SRTP_FAILED, REPLAYED, UNKNOWN_STREAM,
        MUTED, NOT_SELECTED, NO_SUBSCRIBER_PATH
    }

    final AtomicInteger sessions = new AtomicInteger();
    public final Counter packetsIn;
    public final Counter bytesIn;
    public final Counter packetsOut;
    public final Counter bytesOut;
    public final Counter retransmissions;
    public final Counter keyframeRequests;
    /** Receive-to-send time of each forwarded packet, in microseconds. */
    public final DistributionSummary transitMicros;
    private final Map<Drop, Counter> drops = new EnumMap<>(Drop.class);

    public EngineMetrics(MeterRegistry registry) {
        registry.gauge("plenum_media_sessions", sessions);
        packetsIn = Counter.builder("plenum_media_packets_received").register(registry);
        bytesIn = Counter.builder("plenum_media_bytes_received").baseUnit("bytes").register(registry);
        packetsOut = Counter.builder("plenum_media_packets_sent").register(registry);
        bytesOut = Counter.builder("plenum_media_bytes_sent").baseUnit("bytes").register(registry);
        retransmissions = Counter.builder("plenum_media_retransmissions").register(registry);
        keyframeRequests = Counter.builder("plenum_media_keyframe_requests").register(registry);
        transitMicros = DistributionSummary.builder("plenum_media_transit").baseUnit("microseconds")
                .description("time from receiving a media packet to sending it to one subscriber")
                .publishPercentiles(0.5, 0.99, 0.999).publishPercentileHistogram().register(registry);
        for (Drop d : Drop.values()) {
            drops.put(d, Counter.builder("plenum_media_drops").tag("reason", d.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    /** The number of ICE/DTLS transports (two per participant that publishes and receives). */
    public void sessions(int count) {
        sessions.set(count);
    }

    public void drop(Drop reason) {
        drops.get(reason).increment();
    }

    public double dropped(Drop reason) {
        return drops.get(reason).count();
    }
}
