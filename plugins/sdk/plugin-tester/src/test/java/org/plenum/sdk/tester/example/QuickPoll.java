package org.plenum.sdk.tester.example;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plenum.api.audit.AuditChain;
import org.plenum.api.audit.AuditLog;
import org.plenum.api.audit.SignedHead;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RefusalCode;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomTimer;

/**
 * A secret quick poll, one at a time per room, recorded in the audit log. Shows the parts of the
 * SPI a real voting plugin uses: role checks and refusals, a timer on the room's thread, blocking
 * audit-log appends offloaded and confirmed on the room's thread, a signed final hash, an event
 * for other plugins, a service from a dependency and a join snapshot for late joiners.
 *
 * <p>Messages in namespace {@code quick-poll}: {@code open} {question, options, seconds?}
 * (moderators), {@code vote} {option}, {@code close} (moderators). Sent: {@code opened},
 * {@code voted} (reply, with a receipt), {@code closed} (to all, with tally and final hash).
 */
public final class QuickPoll implements RoomModule {

    private final RoomContext room;
    private final AuditLog audit;
    private final Eligibility eligibility;
    private int pollNumber;
    private Poll current;

    /** The open poll. Ballots are counted per option; who voted is kept apart from what (secret). */
    private static final class Poll {
        final int number;
        final String question;
        final List<String> options;
        final Instant closesAt;
        final Map<String, Integer> tally = new LinkedHashMap<>();
        final java.util.Set<String> voted = new java.util.HashSet<>();
        final AuditChain log;
        RoomTimer expiry;

        Poll(int number, String question, List<String> options, Instant closesAt, AuditChain log) {
            this.number = number;
            this.question = question;
            this.options = options;
            this.closesAt = closesAt;
            this.log = log;
            options.forEach(o -> tally.put(o, 0));
        }

        JsonObject tallyJson() {
            return JsonValue.from(tally).asObject();
        }
    }

    public QuickPoll(RoomContext room, AuditLog audit, Eligibility eligibility) {
        this.room = room;
        this.audit = audit;
        this.eligibility = eligibility;
    }

    @Override
    public void onMessage(InboundMessage message) {
        switch (message.type()) {
            case "open" -> open(message);
            case "vote" -> vote(message);
            case "close" -> {
                requireModerator(message, "close polls");
                if (current == null) {
                    throw MessageRefusedException.conflict("no poll is open");
                }
                close("closed by a moderator");
            }
            default -> throw MessageRefusedException.unknownType(message);
        }
    }

    private void open(InboundMessage message) {
        requireModerator(message, "open polls");
        if (current != null) {
            throw MessageRefusedException.conflict("a poll is open already; close it first");
        }
        String question = message.body().getString("question");
        List<String> options = message.body().getArray("options").stream().map(JsonValue::asString).distinct().toList();
        if (options.size() < 2 || options.size() > 10) {
            throw MessageRefusedException.invalidRequest("a poll needs 2 to 10 different options");
        }
        int seconds = message.body().optInt("seconds").orElse(60);
        if (seconds < 1 || seconds > 3600) {
            throw MessageRefusedException.invalidRequest("a poll runs 1 to 3600 seconds");
        }
        pollNumber++;
        Instant closesAt = room.clock().instant().plusSeconds(seconds);
        Poll poll = new Poll(pollNumber, question, options, closesAt,
                audit.chain(room.tenantId(), "poll/" + room.roomId() + "/" + pollNumber));
        current = poll;
        poll.expiry = room.schedule(Duration.ofSeconds(seconds), () -> close("time is up"));
        JsonObject opened = JsonObject.of("poll", poll.number, "question", question, "options", options, "closesAt", closesAt.toString());
        room.offload(() -> poll.log.append("poll.opened", opened), (entry, failure) -> {
            if (failure != null) {
                room.refuse(message, RefusalCode.UNAVAILABLE, "the poll could not be recorded; please open it again");
                cancel(poll);
                return;
            }
            room.sendToAll("opened", opened);
        });
    }

    private void vote(InboundMessage message) {
        Poll poll = current;
        if (poll == null) {
            throw MessageRefusedException.conflict("no poll is open");
        }
        Participant voter = message.sender();
        if (!eligibility.mayVote(voter)) {
            throw MessageRefusedException.forbidden("you are not eligible to vote here");
        }
        String option = message.body().getString("option");
        if (!poll.options.contains(option)) {
            throw MessageRefusedException.invalidRequest("'" + option + "' is not an option of this poll");
        }
        if (!poll.voted.add(voter.id())) {
            throw MessageRefusedException.conflict("you have voted already");
        }
        poll.tally.merge(option, 1, Integer::sum);
        // secret: the log gets the choice, never the voter
        room.offload(() -> poll.log.append("ballot.cast", JsonObject.of("option", option)), (entry, failure) -> {
            if (failure != null) {
                poll.voted.remove(voter.id());
                poll.tally.merge(option, -1, Integer::sum);
                room.refuse(message, RefusalCode.UNAVAILABLE, "your vote could not be stored; please vote again");
                return;
            }
            room.reply(message, "voted", JsonObject.of("receipt", entry.hash().hex().substring(0, 16), "entry", entry.sequence()));
        });
    }

    private void close(String reason) {
        Poll poll = current;
        current = null;
        poll.expiry.cancel();
        JsonObject tally = poll.tallyJson();
        room.offload(() -> {
            poll.log.append("poll.closed", JsonObject.of("tally", tally, "reason", reason));
            return poll.log.signHead();
        }, (SignedHead head, Throwable failure) -> {
            if (failure != null) {
                room.sendToAll("closed", JsonObject.of("poll", poll.number, "valid", false, "reason", "the result could not be recorded"));
                return;
            }
            room.sendToAll("closed", JsonObject.builder().put("poll", poll.number).put("tally", tally).put("valid", true)
                    .put("reason", reason).put("finalHash", head.head().hex()).build());
            room.events().publish(new PollClosed(room.tenantId(), room.roomId(), poll.number, poll.question, tally, head.head().hex()));
        });
    }

    private void cancel(Poll poll) {
        if (current == poll) {
            current = null;
            poll.expiry.cancel();
        }
    }

    private static void requireModerator(InboundMessage message, String what) {
        if (!message.sender().isModerator()) {
            throw MessageRefusedException.forbidden("only moderators " + what);
        }
    }

    @Override
    public Optional<JsonObject> joinSnapshot(Participant participant) {
        if (current == null) {
            return Optional.empty();
        }
        return Optional.of(JsonObject.builder().put("poll", current.number).put("question", current.question)
                .put("options", current.options).put("closesAt", current.closesAt.toString())
                .put("youVoted", current.voted.contains(participant.id())).build());
    }

    @Override
    public void onRoomClosing() {
        if (current != null) {
            room.sendToAll("closed", JsonObject.of("poll", current.number, "valid", false, "reason", "the meeting ended"));
            current = null;
        }
    }

    /** What anyone may know about the poll now (no interim tally: it is secret). */
    public JsonObject publicState() {
        if (current == null) {
            return JsonObject.of("open", false, "polls", pollNumber);
        }
        return JsonObject.of("open", true, "polls", pollNumber, "question", current.question, "votes", current.voted.size());
    }
}
