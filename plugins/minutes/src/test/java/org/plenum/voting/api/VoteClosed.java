package org.plenum.voting.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.event.RoomScopedEvent;

/** A stand-in with the components of the voting plugin's event (see {@link VoteStarted}). */
public record VoteClosed(UUID tenantId, String roomId, UUID voteId, String kind, String purpose, String question,
                         Optional<String> agendaItem, String outcome, String reason, boolean valid, Map<String, Integer> counts,
                         int eligible, int cast, List<Map.Entry<String, String>> namedChoices, String finalHash,
                         Instant startedAt, Instant closedAt) implements RoomScopedEvent {

    /** A vote closed by the chair; {@code namedChoices} (name → option) for roll calls only. */
    public static VoteClosed of(UUID tenantId, String roomId, UUID voteId, Optional<String> agendaItem, String kind, String question,
                                Map<String, Integer> counts, String finalHash, List<Map.Entry<String, String>> namedChoices) {
        int cast = counts.values().stream().mapToInt(Integer::intValue).sum();
        return new VoteClosed(tenantId, roomId, voteId, kind, "motion", question, agendaItem, "closed", "", true, counts, cast, cast,
                namedChoices, finalHash, Instant.parse("2026-01-05T09:30:00Z"), Instant.parse("2026-01-05T09:35:00Z"));
    }
}
