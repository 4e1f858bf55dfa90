package org.plenum.core.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketServiceTest {

    private final JoinGrant grant = new JoinGrant("room", UUID.randomUUID(), UUID.randomUUID(), null, "Anna", false);

    @Test
    void aTicketIsRedeemedOnlyOnce() {
        TicketService tickets = new TicketService(Duration.ofSeconds(60), Clock.systemUTC());
        String ticket = tickets.issue(grant);
        assertThat(ticket).hasSize(32);
        assertThat(tickets.redeem(ticket)).contains(grant);
        assertThat(tickets.redeem(ticket)).isEmpty();
    }

    @Test
    void anExpiredTicketIsWorthless() {
        MutableClock clock = new MutableClock();
        TicketService tickets = new TicketService(Duration.ofSeconds(60), clock);
        String ticket = tickets.issue(grant);
        clock.now = clock.now.plusSeconds(61);
        assertThat(tickets.redeem(ticket)).isEmpty();
    }

    @Test
    void unknownAndNullTicketsAreWorthless() {
        TicketService tickets = new TicketService(Duration.ofSeconds(60), Clock.systemUTC());
        assertThat(tickets.redeem("made-up")).isEmpty();
        assertThat(tickets.redeem(null)).isEmpty();
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
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
}
