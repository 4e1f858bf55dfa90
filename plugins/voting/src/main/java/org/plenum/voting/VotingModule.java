package org.plenum.voting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Audience;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RefusalCode;
import org.plenum.api.room.Role;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomTimer;
import org.plenum.voting.VoteStore.RosterRow;
import org.plenum.voting.VoteStore.StoredVote;
import org.plenum.voting.api.Quorum;
import org.plenum.voting.api.VoteStarted;

/**
 * The voting plugin in one room, on the room's thread: who may start, close and cancel, who may vote, the
 * running counts and the messages of namespace {@code voting} (docs/plugins/voting.md). Everything that must
 * last goes through {@link Votes} on the plugin's executor before it is confirmed; this module keeps only what
 * it can rebuild from storage, and rebuilds it when it is created (after a restart or an update).
 */
public final class VotingModule implements RoomModule {

    private final RoomContext room;
    private final Votes votes;
    private final Extensions extensions;
    private final PolicyProfile policy;
    private final LiveModules live;

    private boolean loading = true;
    private final List<InboundMessage> whileLoading = new ArrayList<>();
    private boolean starting;
    private Active current;

    /** The running vote as the room thread tracks it. */
    private static final class Active {
        StoredVote vote;
        String chairKey;
        final Map<String, RosterRow> roster = new LinkedHashMap<>();
        final Map<String, String> receipts = new HashMap<>();
        final Map<String, String> choices = new LinkedHashMap<>();
        final Set<String> credentials = new HashSet<>();
        final Set<String> pending = new HashSet<>();
        final List<JsonObject> faults = new ArrayList<>();
        int secretCast;
        boolean closing;
        RoomTimer expiry;

        UUID id() {
            return vote.id();
        }

        VoteDefinition def() {
            return vote.definition();
        }

        long eligible() {
            return roster.values().stream().filter(RosterRow::eligible).count();
        }

        int cast() {
            return def().kind() == VoteKind.SECRET ? secretCast : choices.size();
        }
    }

    VotingModule(RoomContext room, Votes votes, Extensions extensions, LiveModules live) {
        this.room = room;
        this.live = live;
        this.votes = votes;
        this.extensions = extensions;
        this.policy = PolicyProfile.of(room.settings());
        // after the constructor: the host activates the module only once the factory has returned
        room.execute(this::load);
    }

    private void load() {
        room.offload(() -> votes.recover(room.tenantId(), room.roomId()), (recovered, failure) -> {
            loading = false;
            if (failure != null) {
                room.sendToRole(Role.MODERATOR, "unavailable", JsonObject.of("message",
                        "votes cannot be loaded from storage; starting and casting are refused until the plugin is restarted"));
                loading = true;
                return;
            }
            live.add(room.tenantId(), room.roomId(), this);
            recovered.ifPresent(this::resume);
            List<InboundMessage> queued = List.copyOf(whileLoading);
            whileLoading.clear();
            for (InboundMessage q : queued) {
                try {
                    onMessage(q);
                } catch (MessageRefusedException r) {
                    room.refuse(q, r.code(), r.getMessage());
                }
            }
        });
    }

    static String voterKey(Participant p) {
        return p.userId().map(UUID::toString).orElse("guest:" + p.id());
    }

    // ---- messages

    @Override
    public void onMessage(InboundMessage m) {
        if (loading) {
            // answered once the open vote is loaded (milliseconds after the room opens or the plugin starts)
            if (whileLoading.size() >= 200) {
                throw new MessageRefusedException(RefusalCode.UNAVAILABLE, "votes are being loaded; try again in a moment");
            }
            whileLoading.add(m);
            return;
        }
        try {
            dispatch(m);
        } catch (JsonException invalid) {
            // refused here, not left to the host, so that a malformed body is never counted as a plugin failure
            throw new MessageRefusedException(RefusalCode.INVALID_MESSAGE, invalid.getMessage());
        }
    }

    private void dispatch(InboundMessage m) {
        switch (m.type()) {
            case "kinds" -> room.reply(m, "kinds", PolicyProfile.availabilityJson(availability()));
            case "start" -> start(m, VoteDefinition.parse(m.body()));
            case "repeat" -> repeat(m);
            case "cast" -> cast(m);
            case "credential" -> credential(m);
            case "close" -> chairCommand(m, "closed", "");
            case "cancel" -> {
                String reason = m.body().optString("reason").map(String::strip).filter(s -> !s.isEmpty())
                        .orElseThrow(() -> new JsonException("a cancellation needs a reason"));
                chairCommand(m, "cancelled", reason);
            }
            case "eligibility" -> eligibility(m);
            case "fault" -> fault(m);
            default -> throw MessageRefusedException.unknownType(m);
        }
    }

    private void requireModerator(InboundMessage m, String what) {
        if (!m.sender().isModerator()) {
            throw MessageRefusedException.forbidden("only the chair and moderators may " + what);
        }
    }

    private Active requireVote(InboundMessage m) {
        Fields.allowOnly(m.body(), Set.of("voteId", "choice", "reason", "blindedMessage", "participantId", "eligible"));
        UUID id = VoteDefinition.uuid(m.body().getString("voteId"));
        if (current == null || !current.id().equals(id)) {
            throw new MessageRefusedException(RefusalCode.NOT_FOUND, "no such vote is running in this room");
        }
        if (current.closing) {
            throw new MessageRefusedException(RefusalCode.CONFLICT, "the vote is closing; no more ballots are accepted");
        }
        return current;
    }

    private Map<VoteKind, Optional<String>> availability() {
        return policy.availability(room.participants(), this::remote);
    }

    private boolean remote(Participant p) {
        return extensions.attendance().map(a -> !a.inChamber(room.tenantId(), room.roomId(), p)).orElse(true);
    }

    private void start(InboundMessage m, VoteDefinition def) {
        requireModerator(m, "start a vote");
        if (current != null || starting) {
            throw MessageRefusedException.conflict("another vote is running in this room; close or cancel it first");
        }
        Optional<String> unavailable = availability().get(def.kind());
        if (unavailable.isPresent()) {
            throw MessageRefusedException.forbidden(unavailable.get());
        }
        Optional<Quorum> quorum = extensions.quorum().map(q -> q.quorum(room.tenantId(), room.roomId()));
        if (quorum.isPresent() && !quorum.get().quorate()) {
            throw MessageRefusedException.conflict("no quorum: " + quorum.get().present() + " present, " + quorum.get().required()
                    + " required (" + quorum.get().rule() + ")");
        }
        List<Votes.Voter> voters = rosterOf(room.participants(), def);
        String chairKey = voterKey(m.sender());
        String chairName = m.sender().displayName();
        starting = true;
        room.offload(() -> votes.open(room.tenantId(), room.roomId(), def, chairKey, chairName, voters,
                quorum.map(q -> JsonObject.of("present", q.present(), "required", q.required(), "rule", q.rule())), policy), (opened, failure) -> {
            starting = false;
            if (failure != null) {
                refuseLater(m, failure);
                return;
            }
            Active a = activate(opened.vote());
            voters.forEach(v -> a.roster.put(v.key(), new RosterRow(v.key(), v.name(), v.eligible(), v.reason(), false, opened.firstSeq())));
            room.reply(m, "start_ok", JsonObject.of("voteId", a.id().toString()));
            announce(a);
            room.events().publish(new VoteStarted(room.tenantId(), room.roomId(), a.id(), def.kind().wireName(), def.purpose(), def.question(),
                    def.agendaItem(), def.options(), (int) a.eligible(), def.repeatOf(), a.vote.openedAt()));
        });
    }

    private void repeat(InboundMessage m) {
        requireModerator(m, "repeat a vote");
        Fields.allowOnly(m.body(), Set.of("voteId"));
        UUID of = VoteDefinition.uuid(m.body().getString("voteId"));
        room.offload(() -> votes.store().find(of), (found, failure) -> {
            if (failure != null) {
                refuseLater(m, failure);
            } else if (found.isEmpty() || !found.get().tenantId().equals(room.tenantId()) || !found.get().roomId().equals(room.roomId())) {
                room.refuse(m, RefusalCode.NOT_FOUND, "no such vote in this room");
            } else if (found.get().open()) {
                room.refuse(m, RefusalCode.CONFLICT, "the vote is still running; cancel it first, then repeat it");
            } else {
                try {
                    start(m, found.get().definition().repeating(of));
                } catch (MessageRefusedException e) {
                    room.refuse(m, e.code(), e.getMessage());
                }
            }
        });
    }

    private List<Votes.Voter> rosterOf(List<Participant> participants, VoteDefinition def) {
        Map<String, Votes.Voter> byKey = new LinkedHashMap<>();
        for (Participant p : participants) {
            String key = voterKey(p);
            Votes.Voter v = voterOf(p, def);
            Votes.Voter before = byKey.get(key);
            if (before == null || (!before.eligible() && v.eligible())) {
                byKey.put(key, v);
            }
        }
        return List.copyOf(byKey.values());
    }

    private Votes.Voter voterOf(Participant p, VoteDefinition def) {
        Optional<String> why = Optional.empty();
        if (!def.eligibleRoles().contains(p.role())) {
            why = Optional.of("the role " + p.role().wireName() + " may not vote in this vote");
        } else if (p.isGuest() && !def.guestsMayVote()) {
            why = Optional.of("guests without an account may not vote in this vote");
        } else if (p.client() != Participant.ClientKind.BROWSER && !def.phoneMayVote()) {
            why = Optional.of("participants by telephone or room system may not vote in this vote");
        } else if (remote(p)) {
            why = policy.remoteExclusion(def);
        }
        return new Votes.Voter(voterKey(p), p.displayName(), why.isEmpty(), why.orElse(""));
    }

    private Active activate(StoredVote v) {
        Active a = new Active();
        a.vote = v;
        a.chairKey = v.chairId();
        current = a;
        v.deadline().ifPresent(deadline -> {
            Duration left = Duration.between(room.clock().instant(), deadline);
            a.expiry = room.schedule(left.isNegative() ? Duration.ZERO : left, () -> closeNow(a, "expired", ""));
        });
        return a;
    }

    private void resume(Votes.Recovered r) {
        Active a = activate(r.vote());
        a.roster.putAll(r.roster());
        r.roster().values().stream().filter(RosterRow::credentialIssued).forEach(x -> a.credentials.add(x.voterKey()));
        r.ballots().forEach((voter, b) -> {
            a.choices.put(voter, b.choice());
            a.receipts.put(voter, b.receipt());
        });
        a.secretCast = r.secretBallots();
        for (Participant p : room.participants()) {
            room.sendTo(p, "state", snapshot(p));
        }
        autoCloseIfDone(a);
    }

    private void cast(InboundMessage m) {
        Active a = requireVote(m);
        if (a.def().kind() == VoteKind.SECRET) {
            throw MessageRefusedException.invalidRequest("secret ballots are cast anonymously at POST /api/v1/plugins/voting/ballots, "
                    + "with the credential from 'credential'");
        }
        String voter = voterKey(m.sender());
        String choice = m.body().getString("choice");
        Optional<String> refusal = ballotRefusal(a, voter, choice);
        if (refusal.isPresent()) {
            String reason = refusal.get();
            room.offload(() -> {
                votes.refuse(room.tenantId(), a.id(), VoteLedger.BALLOT_REFUSED, JsonObject.of("voter", voter, "reason", reason));
                return null;
            }, (x, f) -> { });
            throw new MessageRefusedException(reason.equals("already_voted") || reason.equals("vote_closed") ? RefusalCode.CONFLICT
                    : reason.equals("not_eligible") ? RefusalCode.FORBIDDEN : RefusalCode.INVALID_REQUEST, message(reason, a, voter));
        }
        a.pending.add(voter);
        String name = m.sender().displayName();
        room.offload(() -> votes.castNamed(room.tenantId(), a.id(), voter, name, choice), (receipt, failure) -> {
            a.pending.remove(voter);
            if (failure != null) {
                refuseLater(m, failure);
                return;
            }
            a.choices.put(voter, choice);
            a.receipts.put(voter, receipt);
            room.reply(m, "cast_ok", JsonObject.of("voteId", a.id().toString(), "receipt", receipt));
            for (Participant p : room.participants()) {
                if (voterKey(p).equals(voter) && !p.id().equals(m.sender().id())) {
                    room.sendTo(p, "you", you(a, p));
                }
            }
            progress(a);
            autoCloseIfDone(a);
        });
    }

    private Optional<String> ballotRefusal(Active a, String voter, String choice) {
        RosterRow line = a.roster.get(voter);
        if (line == null || !line.eligible()) {
            return Optional.of("not_eligible");
        }
        if (a.choices.containsKey(voter) || a.pending.contains(voter)) {
            return Optional.of("already_voted");
        }
        if (!a.def().options().contains(choice)) {
            return Optional.of(choice.equals(VoteDefinition.ABSTAIN) ? "abstain_not_allowed" : "option_not_allowed");
        }
        if (a.vote.deadline().isPresent() && !room.clock().instant().isBefore(a.vote.deadline().get())) {
            return Optional.of("vote_expired");
        }
        return Optional.empty();
    }

    private static String message(String reason, Active a, String voter) {
        return switch (reason) {
            case "not_eligible" -> "you may not vote in this vote" + Optional.ofNullable(a.roster.get(voter))
                    .map(RosterRow::reason).filter(r -> !r.isEmpty()).map(r -> ": " + r).orElse("");
            case "already_voted" -> "you have voted in this vote already";
            case "abstain_not_allowed" -> "abstaining is not allowed in this vote";
            case "vote_expired" -> "the time for this vote is up";
            default -> "that is not an option of this vote";
        };
    }

    private void credential(InboundMessage m) {
        Active a = requireVote(m);
        if (a.def().kind() != VoteKind.SECRET) {
            throw MessageRefusedException.invalidRequest("credentials exist only in secret votes; send 'cast'");
        }
        String voter = voterKey(m.sender());
        RosterRow line = a.roster.get(voter);
        String refusal = line == null || !line.eligible() ? "not_eligible"
                : a.credentials.contains(voter) || a.pending.contains(voter) ? "credential_issued_already" : null;
        if (refusal != null) {
            room.offload(() -> {
                votes.refuse(room.tenantId(), a.id(), VoteLedger.CREDENTIAL_REFUSED, JsonObject.of("voter", voter, "reason", refusal));
                return null;
            }, (x, f) -> { });
            throw new MessageRefusedException(refusal.equals("not_eligible") ? RefusalCode.FORBIDDEN : RefusalCode.CONFLICT,
                    refusal.equals("not_eligible") ? message(refusal, a, voter)
                            : "your ballot credential was issued already; it cannot be issued twice");
        }
        byte[] blinded;
        try {
            blinded = Base64.getUrlDecoder().decode(m.body().getString("blindedMessage"));
        } catch (IllegalArgumentException e) {
            throw new JsonException("blindedMessage must be base64url");
        }
        a.pending.add(voter);
        String name = m.sender().displayName();
        room.offload(() -> votes.issueCredential(room.tenantId(), a.id(), voter, name, blinded), (signature, failure) -> {
            a.pending.remove(voter);
            if (failure != null) {
                refuseLater(m, failure);
                return;
            }
            a.credentials.add(voter);
            room.reply(m, "credential", JsonObject.of("voteId", a.id().toString(),
                    "blindSignature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature)));
            progress(a);
        });
    }

    /** A secret ballot was accepted over HTTP: callable from any thread. */
    void secretBallotAccepted(UUID voteId) {
        room.execute(() -> countSecretBallot(voteId));
    }

    private void countSecretBallot(UUID voteId) {
        if (current != null && current.id().equals(voteId) && !current.closing) {
            current.secretCast++;
            progress(current);
            autoCloseIfDone(current);
        }
    }

    private void chairCommand(InboundMessage m, String outcome, String reason) {
        requireModerator(m, outcome.equals("closed") ? "close a vote" : "cancel a vote");
        Active a = requireVote(m);
        closeNow(a, outcome, reason);
        room.reply(m, outcome.equals("closed") ? "close_ok" : "cancel_ok", JsonObject.of("voteId", a.id().toString()));
    }

    private void eligibility(InboundMessage m) {
        requireModerator(m, "change who may vote");
        Active a = requireVote(m);
        String participantId = m.body().getString("participantId");
        boolean eligible = m.body().getBoolean("eligible");
        String reason = m.body().optString("reason").orElse("");
        if (!eligible && reason.isBlank()) {
            throw new JsonException("excluding a member needs a reason (for example: bias, § 31 GO)");
        }
        Participant p = room.participant(participantId).orElseThrow(() -> new MessageRefusedException(RefusalCode.NOT_FOUND, "no such participant"));
        String key = voterKey(p);
        if (a.choices.containsKey(key) || a.credentials.contains(key)) {
            throw MessageRefusedException.conflict("this member has voted (or received a credential) already");
        }
        Votes.Voter v = eligible ? voterOf(p, a.def()) : new Votes.Voter(key, p.displayName(), false, reason);
        room.offload(() -> {
            votes.changeEligibility(room.tenantId(), a.id(), List.of(v));
            return null;
        }, (x, failure) -> {
            if (failure != null) {
                refuseLater(m, failure);
                return;
            }
            a.roster.put(key, new RosterRow(key, v.name(), v.eligible(), v.reason(), false, 0));
            room.reply(m, "eligibility_ok", JsonObject.of("voteId", a.id().toString()));
            sendYou(a, key);
            progress(a);
        });
    }

    private void fault(InboundMessage m) {
        Fields.allowOnly(m.body(), Set.of("kind", "note"));
        String kind = m.body().getString("kind");
        if (!Set.of("hear", "see", "vote", "connection", "other").contains(kind)) {
            throw new JsonException("kind must be hear, see, vote, connection or other");
        }
        String note = m.body().optString("note").orElse("").strip();
        if (Fields.length(note) > 500) {
            throw new JsonException("a note may be at most 500 characters");
        }
        Optional<UUID> voteId = Optional.ofNullable(current).map(Active::id);
        String reporter = m.sender().displayName();
        room.offload(() -> votes.reportFault(room.tenantId(), room.roomId(), voteId, reporter, kind, note), (f, failure) -> {
            if (failure != null) {
                refuseLater(m, failure);
                return;
            }
            JsonObject fault = JsonObject.builder().put("faultId", f.id().toString()).put("reporter", reporter)
                    .put("participantId", m.sender().id()).put("kind", kind).put("note", note).put("at", f.reportedAt().toString())
                    .putIfPresent("voteId", voteId.map(UUID::toString)).build();
            if (current != null && voteId.isPresent() && current.id().equals(voteId.get())) {
                current.faults.add(fault);
            }
            room.reply(m, "fault_ok", JsonObject.of("faultId", f.id().toString(), "at", f.reportedAt().toString()));
            room.sendToRole(Role.MODERATOR, "fault_reported", fault);
        });
    }

    // ---- closing

    private void autoCloseIfDone(Active a) {
        if (a.def().autoClose() && !a.closing && a.eligible() > 0 && a.cast() >= a.eligible()) {
            closeNow(a, "all_voted", "");
        }
    }

    private void closeNow(Active a, String outcome, String reason) {
        if (a.closing) {
            return;
        }
        a.closing = true;
        if (a.expiry != null) {
            a.expiry.cancel();
        }
        room.sendToAll("closing", JsonObject.of("voteId", a.id().toString(), "outcome", outcome));
        room.offload(() -> votes.close(room.tenantId(), a.id(), outcome, reason), (closing, failure) -> {
            if (failure != null) {
                a.closing = false;
                room.sendToRole(Role.MODERATOR, "close_failed", JsonObject.of("voteId", a.id().toString(),
                        "message", "the vote could not be closed in storage; it is still open. Try again."));
                return;
            }
            if (current == a) {
                current = null;
            }
            JsonObject closed = closing.result().with("signedHead", SignedHeads.toJson(closing.head()));
            room.sendToAll("closed", closed);
            room.events().publish(closing.event());
        });
    }

    @Override
    public void onRoomClosing() {
        live.remove(room.tenantId(), room.roomId(), this);
    }

    @Override
    public void onPluginStopping() {
        live.remove(room.tenantId(), room.roomId(), this);
    }

    // ---- presence

    @Override
    public void onJoin(Participant p) {
        Active a = current;
        if (a == null || a.closing) {
            return;
        }
        String key = voterKey(p);
        if (!a.roster.containsKey(key)) {
            Votes.Voter v = voterOf(p, a.def());
            a.roster.put(key, new RosterRow(key, v.name(), v.eligible(), v.reason(), false, 0));
            room.offload(() -> {
                votes.changeEligibility(room.tenantId(), a.id(), List.of(v));
                return null;
            }, (x, failure) -> {
                if (failure != null) {
                    a.roster.remove(key);
                }
                sendYou(a, key);
                progress(a);
            });
        }
    }

    @Override
    public void onLeave(Participant p, LeaveReason reason) {
        chairMayHaveGone();
    }

    @Override
    public void onRoleChanged(Participant p, Role previous) {
        chairMayHaveGone();
    }

    /** V8: when the chair is gone (left or no longer moderator), a moderator present takes over, or the vote is cancelled. */
    private void chairMayHaveGone() {
        Active a = current;
        if (a == null || a.closing) {
            return;
        }
        boolean chairHere = room.participants().stream().anyMatch(p -> voterKey(p).equals(a.chairKey) && p.isModerator());
        if (chairHere) {
            return;
        }
        Optional<Participant> deputy = room.participants().stream().filter(Participant::isModerator).findFirst();
        if (deputy.isEmpty()) {
            closeNow(a, "cancelled", "the chair left and no deputy (moderator) is present");
            return;
        }
        String from = a.chairKey;
        String to = voterKey(deputy.get());
        String name = deputy.get().displayName();
        a.chairKey = to;
        room.offload(() -> {
            votes.changeChair(room.tenantId(), a.id(), from, to, name, "the chair left");
            return null;
        }, (x, failure) -> room.sendToAll("chair_changed", JsonObject.of("voteId", a.id().toString(), "chair", name,
                "participantId", deputy.get().id())));
    }

    // ---- what participants see

    private void announce(Active a) {
        for (Participant p : room.participants()) {
            room.sendTo(p, "started", snapshot(p));
        }
    }

    private void progress(Active a) {
        JsonObject.Builder b = JsonObject.builder()
                .put("voteId", a.id().toString())
                .put("eligible", a.eligible())
                .put("cast", a.cast());
        if (a.def().kind() == VoteKind.SECRET) {
            b.put("credentials", a.credentials.size());
        } else if (a.def().liveResults()) {
            b.put("counts", Recount.countsJson(counts(a)));
            if (a.def().kind() == VoteKind.ROLL_CALL) {
                b.put("named", named(a));
            }
        }
        room.sendToAll("progress", b.build());
    }

    private static Map<String, Integer> counts(Active a) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        a.def().options().forEach(o -> counts.put(o, 0));
        a.choices.values().forEach(c -> counts.merge(c, 1, Integer::sum));
        return counts;
    }

    private static JsonArray named(Active a) {
        return JsonArray.from(a.choices.entrySet().stream()
                .map(e -> JsonObject.of("name", a.roster.get(e.getKey()).displayName(), "choice", e.getValue())).toList());
    }

    private void sendYou(Active a, String key) {
        for (Participant p : room.participants()) {
            if (voterKey(p).equals(key)) {
                room.sendTo(p, "you", you(a, p));
            }
        }
    }

    private JsonObject you(Active a, Participant p) {
        String key = voterKey(p);
        RosterRow line = a.roster.get(key);
        JsonObject.Builder b = JsonObject.builder()
                .put("voteId", a.id().toString())
                .put("eligible", line != null && line.eligible())
                .put("reason", line == null ? "joined after the roster was made" : line.reason());
        if (a.def().kind() == VoteKind.SECRET) {
            // the server cannot know whether a secret ballot was cast: the client keeps its receipt
            b.put("credentialIssued", a.credentials.contains(key));
        } else {
            b.put("voted", a.choices.containsKey(key));
            Optional.ofNullable(a.receipts.get(key)).ifPresent(r -> b.put("receipt", r));
        }
        return b.build();
    }

    private JsonObject publicView(Active a) {
        VoteDefinition d = a.def();
        JsonObject.Builder b = JsonObject.builder()
                .put("voteId", a.id().toString())
                .put("kind", d.kind().wireName())
                .put("purpose", d.purpose())
                .put("question", d.question())
                .putIfPresent("agendaItem", d.agendaItem())
                .put("options", JsonArray.from(d.options()))
                .put("abstainAllowed", d.abstainAllowed())
                .put("liveResults", d.liveResults())
                .put("openedAt", a.vote.openedAt().toString())
                .putIfPresent("deadline", a.vote.deadline().map(Instant::toString))
                .putIfPresent("repeatOf", d.repeatOf().map(UUID::toString))
                .put("eligible", a.eligible())
                .put("cast", a.cast());
        if (d.kind() == VoteKind.SECRET) {
            b.put("publicKey", Base64.getEncoder().encodeToString(a.vote.publicKey()))
                    .put("variant", policy.blindVariant())
                    .put("ballotUrl", "/api/v1/plugins/voting/ballots");
        } else if (d.liveResults()) {
            b.put("counts", Recount.countsJson(counts(a)));
            if (d.kind() == VoteKind.ROLL_CALL) {
                b.put("named", named(a));
            }
        }
        return b.build();
    }

    private JsonObject snapshot(Participant p) {
        JsonObject.Builder b = JsonObject.builder();
        if (current != null) {
            b.put("vote", publicView(current)).put("you", you(current, p));
            if (p.isModerator()) {
                b.put("faults", JsonArray.from(current.faults));
                b.put("roster", JsonArray.from(current.roster.values().stream().map(r -> JsonObject.of("name", r.displayName(),
                        "eligible", r.eligible(), "reason", r.reason())).toList()));
            }
        } else {
            b.put("vote", org.plenum.api.json.JsonNull.NULL);
        }
        if (p.isModerator()) {
            b.put("kinds", PolicyProfile.availabilityJson(availability()).getArray("kinds"));
        }
        return b.build();
    }

    @Override
    public Optional<JsonObject> joinSnapshot(Participant p) {
        return loading ? Optional.of(JsonObject.of("loading", true)) : Optional.of(snapshot(p));
    }

    private void refuseLater(InboundMessage m, Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof VoteRefused)) {
            cause = cause.getCause();
        }
        if (cause instanceof VoteRefused r) {
            room.refuse(m, r.code(), r.getMessage());
        } else {
            room.refuse(m, RefusalCode.UNAVAILABLE, "it could not be stored; please try again");
        }
    }
}
