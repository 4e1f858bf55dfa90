package org.plenum.voting.api;

import java.util.Optional;
import java.util.UUID;
import org.plenum.api.event.RoomScopedEvent;

/**
 * A stand-in for the voting plugin's event, with the components of the contract in docs/plugins/minutes.md ("Vote
 * results"); the tests publish it as the voting plugin will. Not part of the minutes plugin.
 */
public record VoteStarted(UUID tenantId, String roomId, UUID voteId, Optional<String> agendaItem, Kind kind, String question)
        implements RoomScopedEvent {

    /** The kinds of vote, as the voting plugin names them. */
    public enum Kind { ROLL_CALL, PSEUDONYMOUS, SECRET }
}
