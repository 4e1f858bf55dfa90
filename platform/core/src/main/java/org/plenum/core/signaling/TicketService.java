package org.plenum.core.signaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.core.error.Problem;
import org.plenum.core.security.SecureTokens;

/**
 * Short-lived, single-use signaling tickets. A ticket is handed out over authenticated REST and
 * redeemed in the first WebSocket frame, so that no credential ever travels in a URL.
 */
public final class TicketService {

    /** Bounds memory if a client requests tickets and never uses them. */
    private static final int MAX_OUTSTANDING = 100_000;

    private record Entry(JoinGrant grant, Instant expires) {
    }

    private final Map<String, Entry> tickets = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public TicketService(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    public String issue(JoinGrant grant) {
        Instant now = clock.instant();
        if (tickets.size() >= MAX_OUTSTANDING) {
            dropExpired(now);
            if (tickets.size() >= MAX_OUTSTANDING) {
                throw new Problem(Problem.Kind.UNAVAILABLE, "too many outstanding signaling tickets; try again shortly");
            }
        }
        String ticket = SecureTokens.urlSafe(24);
        tickets.put(ticket, new Entry(grant, now.plus(ttl)));
        return ticket;
    }

    /** The grant, once: a second redemption or an expired ticket yields nothing. */
    public Optional<JoinGrant> redeem(String ticket) {
        if (ticket == null) {
            return Optional.empty();
        }
        Entry e = tickets.remove(ticket);
        if (e == null || e.expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(e.grant());
    }

    private void dropExpired(Instant now) {
        for (Iterator<Entry> it = tickets.values().iterator(); it.hasNext(); ) {
            if (it.next().expires().isBefore(now)) {
                it.remove();
            }
        }
    }
}
