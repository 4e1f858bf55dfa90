package org.plenum.pluginhost.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.plenum.api.PluginId;
import org.plenum.pluginhost.breaker.CircuitBreaker.FailureKind;

class CircuitBreakerTest {

    static final PluginId P = PluginId.of("voting");

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void tripsOnTheFifthFailureWithinTheWindowOnly() {
        MovableClock clock = new MovableClock();
        CircuitBreaker b = new CircuitBreaker(5, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 4; i++) {
            assertThat(b.record(P, FailureKind.THREW, "onMessage")).isEmpty();
            clock.now = clock.now.plusSeconds(20);
        }
        // the first failure is older than 60 s by now
        assertThat(b.record(P, FailureKind.THREW, "onMessage")).isEmpty();
        assertThat(b.record(P, FailureKind.FLOODED, "send")).get().asString().contains("failed 5 times within 60 s", "flooded", "send");
        assertThat(b.record(P, FailureKind.THREW, "onMessage")).as("counting starts again after a trip").isEmpty();
    }

    @Test
    void oneTimeoutIsEnough() {
        CircuitBreaker b = new CircuitBreaker(5, Duration.ofSeconds(60), Clock.systemUTC());
        assertThat(b.record(P, FailureKind.TIMED_OUT, "onJoin")).get().asString().contains("did not return in time", "onJoin");
    }

    @Test
    void pluginsAreCountedApart() {
        CircuitBreaker b = new CircuitBreaker(2, Duration.ofSeconds(60), Clock.systemUTC());
        assertThat(b.record(P, FailureKind.THREW, "a")).isEmpty();
        assertThat(b.record(PluginId.of("minutes"), FailureKind.THREW, "a")).isEmpty();
        b.reset(P);
        assertThat(b.record(P, FailureKind.THREW, "a")).isEmpty();
        assertThat(b.record(P, FailureKind.THREW, "a")).isPresent();
    }
}
