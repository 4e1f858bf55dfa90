package org.plenum.voting.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.event.RoomScopedEvent;

/**
 * A stand-in with the components of the voting plugin's event (branch {@code voting}, d40f9f6), which the tests publish
 * as the voting plugin does; the contract is in docs/plugins/minutes.md ("Vote results"). Not part of the minutes
 * plugin.
 */
public record VoteStarted(UUID tenantId, String roomId, UUID voteId, String kind, String purpose, String question,
                          Optional<String> agendaItem, List<String> options, int eligible, Optional<UUID> repeatOf,
                          Instant startedAt) implements RoomScopedEvent {

    /** A vote started now with the options of its counts. */
    public static VoteStarted of(UUID tenantId, String roomId, UUID voteId, Optional<String> agendaItem, String kind, String question) {
        return new VoteStarted(tenantId, roomId, voteId, kind, "motion", question, agendaItem, List.of("ja", "nein"), 3, Optional.empty(),
                Instant.parse("2026-01-05T09:30:00Z"));
    }
}
