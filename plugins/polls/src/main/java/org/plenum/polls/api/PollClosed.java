package org.plenum.polls.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.plenum.api.event.RoomScopedEvent;

/**
 * Published by the polls plugin when a poll closes, for plugins that declare a dependency on
 * {@code polls} (a minutes plugin that records results, for example). It carries the result, never
 * who voted for what, even for named polls.
 * {@snippet :
 * // in a plugin whose descriptor says .dependsOn("polls", "[1.0,2.0)")
 * context.events().subscribe(PollClosed.class, closed -> minutes.addPollResult(closed.roomId(), closed.question(),
 *         closed.options(), closed.counts()));
 * }
 *
 * @param tenantId       the tenant of the room
 * @param roomId         the room
 * @param pollId         the poll's id (a UUID as text)
 * @param question       the question
 * @param options        the options, in their order
 * @param counts         how many ballots chose each option, in the order of {@code options}
 * @param ballots        how many participants voted
 * @param multipleChoice whether a ballot could choose several options (then the counts may add up to more than {@code ballots})
 * @param anonymous      whether the poll was anonymous
 * @param reason         why it closed: {@code closed} (by its creator or a moderator), {@code time_up},
 *                       {@code meeting_ended} or {@code plugin_stopped}
 * @param closedAt       when it closed
 */
public record PollClosed(UUID tenantId, String roomId, String pollId, String question, List<String> options, List<Integer> counts,
                         int ballots, boolean multipleChoice, boolean anonymous, String reason, Instant closedAt)
        implements RoomScopedEvent {

    /** All fields are required; the lists are copied. */
    public PollClosed {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(pollId, "pollId");
        Objects.requireNonNull(question, "question");
        options = List.copyOf(options);
        counts = List.copyOf(counts);
        if (options.size() != counts.size()) {
            throw new IllegalArgumentException("one count per option: " + options.size() + " options, " + counts.size() + " counts");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(closedAt, "closedAt");
    }
}
