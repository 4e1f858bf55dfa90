package org.plenum.voting.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.event.RoomScopedEvent;

/**
 * Published when a vote opens. A minutes plugin inserts the motion into the current agenda item.
 * {@snippet :
 * // in a plugin whose descriptor says .dependsOn("voting", "[1.0,2.0)")
 * context.events().subscribe(VoteStarted.class, started -> drafts.noteVoteStarted(started.roomId(), started.voteId(),
 *         started.question(), started.kind()));
 * }
 *
 * @param tenantId   the tenant of the room
 * @param roomId     the room
 * @param voteId     the vote
 * @param kind       {@code roll_call}, {@code pseudonymous} or {@code secret}
 * @param purpose    {@code decision} (Abstimmung) or {@code election} (Wahl)
 * @param question   the motion or question
 * @param agendaItem the agenda item it belongs to, if the chair named one
 * @param options    the choices, in their order
 * @param eligible   how many participants may vote
 * @param repeatOf   the vote this one repeats (after a cancellation), if any
 * @param startedAt  when it opened
 */
public record VoteStarted(UUID tenantId, String roomId, UUID voteId, String kind, String purpose, String question,
                          Optional<String> agendaItem, List<String> options, int eligible, Optional<UUID> repeatOf,
                          Instant startedAt) implements RoomScopedEvent {

    /** All fields are required; the list is copied. */
    public VoteStarted {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(voteId, "voteId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(agendaItem, "agendaItem");
        options = List.copyOf(options);
        Objects.requireNonNull(repeatOf, "repeatOf");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
