package org.plenum.voting.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.event.RoomScopedEvent;

/** A stand-in for the voting plugin's event (see {@link VoteStarted}); {@code names} only for roll calls. */
public record VoteClosed(UUID tenantId, String roomId, UUID voteId, Optional<String> agendaItem, VoteStarted.Kind kind,
                         String question, Map<String, Integer> tally, boolean valid, String endedHow, String finalHash,
                         Map<String, List<String>> names) implements RoomScopedEvent {
}
