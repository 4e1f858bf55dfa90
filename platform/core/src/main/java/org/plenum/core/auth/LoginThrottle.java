package org.plenum.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per account and per client address within a sliding window, so that password
 * guessing is slow whichever of the two an attacker varies.
 */
public final class LoginThrottle {

    /** Keeps memory bounded under a spray of distinct usernames. */
    private static final int MAX_KEYS = 50_000;

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /**
     * @param maxPerAccount failures allowed per account in the window
     * @param maxPerAddress failures allowed per client address; higher, since a town hall's staff share one NAT address
     */
    public LoginThrottle(int maxPerAccount, int maxPerAddress, Duration window, Clock clock) {
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds until another attempt is allowed for this account or address, or 0 if allowed now. */
    public long retryAfterSeconds(String username, String address) {
        return Math.max(wait("u:" + username, maxPerAccount), wait("a:" + address, maxPerAddress));
    }

    public void recordFailure(String username, String address) {
        if (failures.size() > MAX_KEYS) {
            prune();
        }
        add("u:" + username, maxPerAccount);
        add("a:" + address, maxPerAddress);
    }

    public void recordSuccess(String username) {
        failures.remove("u:" + username);
    }

    private long wait(String key, int maxFailures) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            Instant cutoff = clock.instant().minus(window);
            while (!q.isEmpty() && q.peekFirst().isBefore(cutoff)) {
                q.pollFirst();
            }
            if (q.size() < maxFailures) {
                return 0;
            }
            return Math.max(1, Duration.between(cutoff, q.peekFirst()).toSeconds() + 1);
        }
    }

    private void add(String key, int maxFailures) {
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(clock.instant());
            while (q.size() > maxFailures * 2) {
                q.pollFirst();
            }
        }
    }

    private void prune() {
        Instant cutoff = clock.instant().minus(window);
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || e.getValue().peekLast().isBefore(cutoff);
            }
        });
    }
}
