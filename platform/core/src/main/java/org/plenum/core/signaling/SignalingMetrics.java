package org.plenum.core.signaling;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.plenum.core.signaling.frame.ErrorCode;

/**
 * The signaling meters. Tags come from closed sets (error codes, close reasons) so that the number of
 * series stays small; nothing carries a room or participant id.
 */
final class SignalingMetrics {

    final AtomicInteger participants = new AtomicInteger();
    final AtomicInteger waiting = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    private final Counter framesIn;
    private final Counter framesOut;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Map<CloseCode, Counter> closes = new EnumMap<>(CloseCode.class);
    private final Counter closedByClient;

    SignalingMetrics(MeterRegistry registry, Supplier<Number> rooms) {
        Gauge.builder("plenum.signaling.rooms", rooms).description("rooms with a live meeting").register(registry);
        Gauge.builder("plenum.signaling.participants", participants, AtomicInteger::get)
                .description("admitted participants, including those within the reconnect grace period").register(registry);
        Gauge.builder("plenum.signaling.waiting", waiting, AtomicInteger::get)
                .description("people in waiting rooms").register(registry);
        Gauge.builder("plenum.signaling.connections", connections, AtomicInteger::get)
                .description("open signaling sockets").register(registry);
        framesIn = Counter.builder("plenum.signaling.frames.in").description("frames received").register(registry);
        framesOut = Counter.builder("plenum.signaling.frames.out").description("frames sent").register(registry);
        for (ErrorCode c : ErrorCode.values()) {
            errors.put(c, Counter.builder("plenum.signaling.errors").tag("code", c.code())
                    .description("error frames sent, by code").register(registry));
        }
        for (CloseCode c : CloseCode.values()) {
            closes.put(c, Counter.builder("plenum.signaling.closes").tag("reason", c.reason)
                    .description("sockets closed, by reason").register(registry));
        }
        closedByClient = Counter.builder("plenum.signaling.closes").tag("reason", "client")
                .description("sockets closed, by reason").register(registry);
    }

    void frameIn() {
        framesIn.increment();
    }

    void frameOut() {
        framesOut.increment();
    }

    void error(ErrorCode code) {
        errors.get(code).increment();
    }

    void closedByServer(CloseCode code) {
        closes.get(code).increment();
    }

    void closedByClient() {
        closedByClient.increment();
    }
}
