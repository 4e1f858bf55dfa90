package org.plenum.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void anAccountIsPausedAfterTooManyFailuresUntilTheWindowPasses() {
        Clock start = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
        Clock[] clock = {start};
        LoginThrottle throttle = new LoginThrottle(3, 100, Duration.ofMinutes(5), new Clock() {
            public ZoneOffset getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return clock[0].instant(); }
        });
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.retryAfterSeconds("anna", "10.0.0.1")).isZero();
            throttle.recordFailure("anna", "10.0.0.1");
        }
        assertThat(throttle.retryAfterSeconds("anna", "10.0.0.9")).isBetween(1L, 301L);
        assertThat(throttle.retryAfterSeconds("bernd", "10.0.0.1")).as("colleagues behind the same address").isZero();
        clock[0] = Clock.offset(start, Duration.ofMinutes(6));
        assertThat(throttle.retryAfterSeconds("anna", "10.0.0.1")).isZero();
    }

    @Test
    void anAddressSprayingManyAccountsIsPaused() {
        LoginThrottle throttle = new LoginThrottle(3, 10, Duration.ofMinutes(5), Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("user" + i, "203.0.113.7");
        }
        assertThat(throttle.retryAfterSeconds("fresh-user", "203.0.113.7")).isPositive();
        assertThat(throttle.retryAfterSeconds("fresh-user", "203.0.113.8")).isZero();
    }
}
