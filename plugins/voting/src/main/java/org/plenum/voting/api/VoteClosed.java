package org.plenum.voting.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.event.RoomScopedEvent;

/**
 * Published when a vote ends, however it ends. Only a {@link #valid()} result may be recorded as the
 * decision; a cancelled vote carries no counts. For roll-call votes {@link #namedChoices()} lists who chose
 * what (public by law); for pseudonymous and secret votes it is empty, and nothing here links a person to a
 * choice.
 * {@snippet :
 * context.events().subscribe(VoteClosed.class, closed -> {
 *     if (closed.valid()) {
 *         drafts.insertResult(closed.roomId(), closed.voteId(), closed.counts(), closed.finalHash());
 *     } else {
 *         drafts.noteVoteEnded(closed.roomId(), closed.voteId(), closed.outcome(), closed.reason());
 *     }
 * });
 * }
 *
 * @param tenantId     the tenant of the room
 * @param roomId       the room
 * @param voteId       the vote
 * @param kind         {@code roll_call}, {@code pseudonymous} or {@code secret}
 * @param purpose      {@code decision} or {@code election}
 * @param question     the motion or question
 * @param agendaItem   its agenda item, if named
 * @param outcome      how it ended: {@code closed} (by the chair), {@code all_voted}, {@code expired} or
 *                     {@code cancelled}
 * @param reason       the chair's or the system's reason for a cancellation; empty otherwise
 * @param valid        whether the result stands: not cancelled and the recount from the ledger agrees
 * @param counts       votes per option, in option order (empty when cancelled)
 * @param eligible     how many could vote
 * @param cast         how many votes were counted
 * @param namedChoices roll call only: display name → option, in the order the votes came in
 * @param finalHash    the hash of the ledger's last entry (hex), signed by the server
 * @param startedAt    when it opened
 * @param closedAt     when it ended
 */
public record VoteClosed(UUID tenantId, String roomId, UUID voteId, String kind, String purpose, String question,
                         Optional<String> agendaItem, String outcome, String reason, boolean valid, Map<String, Integer> counts,
                         int eligible, int cast, List<Map.Entry<String, String>> namedChoices, String finalHash,
                         Instant startedAt, Instant closedAt) implements RoomScopedEvent {

    /** All fields are required; collections are copied. */
    public VoteClosed {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(voteId, "voteId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(agendaItem, "agendaItem");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        namedChoices = namedChoices.stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        Objects.requireNonNull(finalHash, "finalHash");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(closedAt, "closedAt");
    }
}
