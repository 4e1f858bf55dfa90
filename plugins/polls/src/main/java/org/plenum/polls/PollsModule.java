package org.plenum.polls;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import java.util.UUID;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RefusalCode;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomTimer;
import org.plenum.polls.api.PollClosed;

/**
 * The polls of one room: at most one open at a time. Runs on the room's thread only, so it needs no locks.
 *
 * <ul>
 *   <li>{@code create}: moderators (and, if the tenant's setting {@code participantsMayCreate} says so,
 *       participants with an account) open a poll; everyone gets {@code started}.</li>
 *   <li>{@code vote}: anyone in the room votes; a second vote replaces the first while the poll is open. The
 *       voter gets {@code voted}; everyone gets {@code tally} at most once per {@link #TALLY_INTERVAL}: the
 *       number of ballots, and for live results the counts (and, for named polls, who chose what).</li>
 *   <li>{@code close}: the poll's creator or a moderator closes it; the duration, the end of the meeting and
 *       the plugin stopping close it too. Everyone gets {@code closed} with the results; the results go to
 *       the {@link PollArchive} and a {@link PollClosed} event goes out.</li>
 * </ul>
 * The protocol, with examples, is in {@code docs/plugins/polls.md}.
 */
public final class PollsModule implements RoomModule {

    /** The least time between two {@code tally} messages of a poll: a burst of votes costs one message to everyone. */
    static final Duration TALLY_INTERVAL = Duration.ofSeconds(1);

    /** How many closed polls of this meeting the module remembers, to answer votes for them with "closed". */
    private static final int REMEMBERED_CLOSED = 100;

    private static final Set<String> VOTE_FIELDS = Set.of("pollId", "choices");
    private static final Set<String> CLOSE_FIELDS = Set.of("pollId");

    private final RoomContext room;
    private final PollArchive archive;
    private final boolean participantsMayCreate;
    private final SequencedSet<String> closedIds = new LinkedHashSet<>();
    private Poll open;
    private RoomTimer expiry;
    private RoomTimer pendingTally;

    PollsModule(RoomContext room, PollArchive archive) {
        this.room = room;
        this.archive = archive;
        this.participantsMayCreate = room.settings().optBoolean("participantsMayCreate").orElse(false);
    }

    @Override
    public void onMessage(InboundMessage message) {
        switch (message.type()) {
            case "create" -> create(message);
            case "vote" -> vote(message);
            case "close" -> close(message);
            default -> throw MessageRefusedException.unknownType(message);
        }
    }

    private void create(InboundMessage message) {
        Participant sender = message.sender();
        if (!sender.isModerator() && !(participantsMayCreate && !sender.isGuest())) {
            throw MessageRefusedException.forbidden(participantsMayCreate
                    ? "guests cannot create polls" : "only moderators can create polls in this room");
        }
        if (open != null) {
            throw MessageRefusedException.conflict("a poll is open already; close it before creating another");
        }
        PollQuestion question = PollQuestion.parse(message.body());
        Poll poll = new Poll(UUID.randomUUID().toString(), question, sender, room.clock().instant());
        open = poll;
        question.duration().ifPresent(d -> expiry = room.schedule(d, () -> {
            if (open == poll) {
                finish(Poll.Reason.TIME_UP, null);
            }
        }));
        room.sendToAll("started", JsonObject.of("poll", poll.view()));
    }

    private void vote(InboundMessage message) {
        JsonObject body = Fields.allowOnly(message.body(), VOTE_FIELDS);
        Poll poll = openPoll(body.getString("pollId"));
        List<Integer> choices = poll.checkChoices(body.getArray("choices"));
        boolean changed = poll.record(message.sender(), choices);
        room.reply(message, "voted", JsonObject.of("pollId", poll.id(), "choices", choices, "changed", changed));
        if (pendingTally == null || !pendingTally.isPending()) {
            pendingTally = room.schedule(TALLY_INTERVAL, () -> {
                if (open == poll) {
                    room.sendToAll("tally", sendable(tally(poll, true), () -> tally(poll, false)));
                }
            });
        }
    }

    private void close(InboundMessage message) {
        JsonObject body = Fields.allowOnly(message.body(), CLOSE_FIELDS);
        Poll poll = openPoll(body.getString("pollId"));
        Participant sender = message.sender();
        if (!sender.isModerator() && !poll.createdBy(sender)) {
            throw MessageRefusedException.forbidden("only the poll's creator or a moderator can close it");
        }
        finish(Poll.Reason.CLOSED, sender);
    }

    /** The open poll with this id; refuses ids of closed polls ({@code conflict}) and unknown ids ({@code not_found}). */
    private Poll openPoll(String pollId) {
        if (open != null && open.id().equals(pollId)) {
            return open;
        }
        if (closedIds.contains(pollId)) {
            throw MessageRefusedException.conflict("this poll is closed");
        }
        throw new MessageRefusedException(RefusalCode.NOT_FOUND, "there is no poll '" + Fields.abbreviate(pollId) + "' in this room");
    }

    /** Closes the open poll: results to everyone, to the archive and as an event. */
    private void finish(Poll.Reason reason, Participant closedBy) {
        Poll poll = open;
        open = null;
        cancelTimers();
        closedIds.add(poll.id());
        if (closedIds.size() > REMEMBERED_CLOSED) {
            closedIds.removeFirst();
        }
        Instant now = room.clock().instant();
        JsonObject closed = sendable(closedMessage(poll, reason, closedBy, now, true), () -> closedMessage(poll, reason, closedBy, now, false));
        room.sendToAll("closed", closed);
        archive.add(room.tenantId(), room.roomId(), JsonObject.builder().put("poll", poll.view()).put("closedAt", now.toString())
                .put("reason", reason.wireName()).put("results", closed.getObject("results")).build());
        room.events().publish(new PollClosed(room.tenantId(), room.roomId(), poll.id(), poll.question().question(),
                poll.question().options(), poll.counts(), poll.ballotCount(), poll.question().multipleChoice(),
                poll.question().anonymous(), reason.wireName(), now));
    }

    private static JsonObject closedMessage(Poll poll, Poll.Reason reason, Participant closedBy, Instant at, boolean withVoters) {
        JsonObject.Builder b = JsonObject.builder().put("pollId", poll.id()).put("reason", reason.wireName())
                .put("closedAt", at.toString()).put("results", withVoters(poll.results(withVoters), poll, withVoters));
        if (closedBy != null) {
            b.put("closedBy", JsonObject.of("participantId", closedBy.id(), "name", closedBy.displayName()));
        }
        return b.build();
    }

    private static JsonObject tally(Poll poll, boolean withVoters) {
        JsonObject.Builder b = JsonObject.builder().put("pollId", poll.id()).put("ballots", poll.ballotCount());
        if (poll.question().liveResults()) {
            JsonObject results = withVoters(poll.results(withVoters), poll, withVoters);
            results.members().forEach(b::put);
        }
        return b.build();
    }

    /** Marks results of a named poll whose voter lists were left out because the message would be too large. */
    private static JsonObject withVoters(JsonObject results, Poll poll, boolean withVoters) {
        return withVoters || poll.question().anonymous() ? results : results.with("votersOmitted", true);
    }

    /**
     * The message with voter lists if it fits into a frame, else without: in a very large named poll the lists
     * could pass the {@link RoomContext#MAX_BODY_BYTES} limit. Clients then show counts only.
     */
    private static JsonObject sendable(JsonObject full, java.util.function.Supplier<JsonObject> small) {
        return full.toJson().getBytes(StandardCharsets.UTF_8).length <= RoomContext.MAX_BODY_BYTES ? full : small.get();
    }

    private void cancelTimers() {
        if (expiry != null) {
            expiry.cancel();
            expiry = null;
        }
        if (pendingTally != null) {
            pendingTally.cancel();
            pendingTally = null;
        }
    }

    /**
     * The open poll, whether this participant voted and what, and the live results if the poll shows them;
     * empty when no poll is open. Describes the whole state, as the host also asks for it on reconnects.
     */
    @Override
    public Optional<JsonObject> joinSnapshot(Participant participant) {
        if (open == null) {
            return Optional.empty();
        }
        List<Integer> mine = open.choicesOf(participant);
        JsonObject.Builder b = JsonObject.builder().put("poll", open.view()).put("voted", !mine.isEmpty()).put("yourChoices", mine)
                .put("ballots", open.ballotCount());
        if (open.question().liveResults()) {
            Poll poll = open;
            b.put("results", sendable(withVoters(poll.results(true), poll, true), () -> withVoters(poll.results(false), poll, false)));
        }
        return Optional.of(b.build());
    }

    @Override
    public void onRoomClosing() {
        if (open != null) {
            finish(Poll.Reason.MEETING_ENDED, null);
        }
    }

    @Override
    public void onPluginStopping() {
        // the next version cannot take the poll over (nothing is stored), so it ends with its results now
        if (open != null) {
            finish(Poll.Reason.PLUGIN_STOPPED, null);
        }
    }

    /** Whether a poll is open (for tests and the host's diagnostics). */
    public boolean hasOpenPoll() {
        return open != null;
    }
}
