package org.plenum.minutes.votes;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.json.JsonObject;

/**
 * What the minutes take from the voting plugin: a vote started, or closed with its result. Read from the voting
 * plugin's events by {@link VotingEvents}; read-only in the minutes (M3).
 *
 * @param tenantId   the room's tenant
 * @param roomId     the room
 * @param voteId     the vote
 * @param agendaItem the agenda item the chair named when starting the vote (a minutes item id such as {@code i3},
 *                   or its number such as {@code 3}), if any; otherwise the item being dealt with
 * @param kind       {@code roll_call}, {@code pseudonymous} or {@code secret}
 * @param question   the question voted on
 * @param closed     whether this is the close (with a result) rather than the start
 * @param result     for a close: {@code tally} (option → count), {@code valid}, {@code endedHow},
 *                   {@code finalHash}, and for roll calls {@code names} (option → list of names)
 */
public record VoteNews(UUID tenantId, String roomId, String voteId, Optional<String> agendaItem, String kind, String question,
                       boolean closed, JsonObject result) {

    /** All fields are required. */
    public VoteNews {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(voteId, "voteId");
        Objects.requireNonNull(agendaItem, "agendaItem");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(result, "result");
    }

    /** Whether nobody's choice may be recorded (M4). */
    public boolean secret() {
        return kind.equals("secret");
    }
}
