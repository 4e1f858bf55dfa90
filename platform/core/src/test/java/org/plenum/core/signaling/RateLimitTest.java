package org.plenum.core.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void burstIsAllowedThenTheSustainedRate() {
        TokenBucket bucket = new TokenBucket(20, 50, now::get);
        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(50);
        now.addAndGet(Duration.ofMillis(500).toNanos());
        taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(10);
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(20, 50, now::get);
        now.addAndGet(Duration.ofHours(1).toNanos());
        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(50);
    }

    @Test
    void abuseIsMoreThanTheAllowedRejectionsWithinTheWindow() {
        RejectionWindow window = new RejectionWindow(100, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(window.recordAndCheck()).isFalse();
            now.addAndGet(Duration.ofMillis(50).toNanos());
        }
        assertThat(window.recordAndCheck()).isTrue();
    }

    @Test
    void rejectionsSpreadOverTimeAreNotAbuse() {
        RejectionWindow window = new RejectionWindow(100, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(window.recordAndCheck()).isFalse();
            now.addAndGet(Duration.ofMillis(150).toNanos());
        }
    }
}
