package org.plenum.core.signaling;

import java.util.function.LongSupplier;

/** The per-connection inbound rate limit: {@code ratePerSecond} sustained, {@code burst} at once. */
final class TokenBucket {

    private final double tokensPerNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(int ratePerSecond, int burst, LongSupplier nanoTime) {
        this.tokensPerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one token if there is one. */
    synchronized boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
