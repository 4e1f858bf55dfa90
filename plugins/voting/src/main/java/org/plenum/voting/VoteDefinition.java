package org.plenum.voting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.api.room.Role;

/**
 * What the chair asked for when starting a vote, checked: the body of {@code start}, and what the ledger's
 * {@code vote.opened} entry and the {@code vote.definition} column keep.
 *
 * @param kind           roll call, pseudonymous or secret
 * @param purpose        {@code decision} or {@code election}
 * @param question       the motion, 1..500 characters
 * @param agendaItem     the agenda item, up to 200 characters
 * @param options        2..20 distinct options, each 1..100 characters; {@code abstain} if allowed
 * @param abstainAllowed whether the option {@code abstain} is offered
 * @param duration       how long the vote runs, if limited
 * @param autoClose      close as soon as every eligible voter has voted
 * @param liveResults    show counts (roll call: names too) while it runs; never for secret votes
 * @param eligibleRoles  which roles may vote (default moderator and participant)
 * @param guestsMayVote  guests without an account may vote
 * @param phoneMayVote   dial-in participants may vote
 * @param repeatOf       the vote this one repeats
 */
public record VoteDefinition(VoteKind kind, String purpose, String question, Optional<String> agendaItem, List<String> options,
                      boolean abstainAllowed, Optional<Duration> duration, boolean autoClose, boolean liveResults,
                      Set<Role> eligibleRoles, boolean guestsMayVote, boolean phoneMayVote, Optional<UUID> repeatOf) {

    static final String ABSTAIN = "abstain";
    static final List<String> YES_NO = List.of("yes", "no");
    private static final Set<String> FIELDS = Set.of("kind", "purpose", "question", "agendaItem", "options", "abstainAllowed",
            "durationSeconds", "autoClose", "liveResults", "eligibleRoles", "guestsMayVote", "phoneMayVote", "repeatOf");

    /** The start body, checked. @throws JsonException naming the problem */
    static VoteDefinition parse(JsonObject body) {
        Fields.allowOnly(body, FIELDS);
        VoteKind kind = VoteKind.parse(body.getString("kind"));
        String purpose = body.optString("purpose").orElse("decision");
        if (!purpose.equals("decision") && !purpose.equals("election")) {
            throw new JsonException("purpose must be decision or election");
        }
        String question = body.getString("question").strip();
        if (question.isEmpty() || Fields.length(question) > 500) {
            throw new JsonException("question must be 1 to 500 characters");
        }
        Optional<String> agenda = body.optString("agendaItem").map(String::strip).filter(s -> !s.isEmpty());
        if (agenda.isPresent() && Fields.length(agenda.get()) > 200) {
            throw new JsonException("agendaItem must be at most 200 characters");
        }
        boolean abstain = body.optBoolean("abstainAllowed").orElse(true);
        List<String> options = new ArrayList<>();
        for (JsonValue v : body.optArray("options").orElse(JsonArray.from(YES_NO))) {
            String o = v.asString().strip();
            if (o.isEmpty() || Fields.length(o) > 100) {
                throw new JsonException("each option must be 1 to 100 characters");
            }
            if (o.equals(ABSTAIN)) {
                throw new JsonException("'abstain' is added by abstainAllowed, not listed as an option");
            }
            if (options.contains(o)) {
                throw new JsonException("option '" + Fields.abbreviate(o) + "' is listed twice");
            }
            options.add(o);
        }
        if (options.size() < 2 || options.size() > 20) {
            throw new JsonException("a vote has 2 to 20 options, not " + options.size());
        }
        if (abstain) {
            options.add(ABSTAIN);
        }
        Optional<Duration> duration = body.optInt("durationSeconds").map(s -> {
            if (s < 10 || s > 86_400) {
                throw new JsonException("durationSeconds must be 10 to 86400");
            }
            return Duration.ofSeconds(s);
        });
        boolean live = body.optBoolean("liveResults").orElse(false);
        if (live && kind == VoteKind.SECRET) {
            throw new JsonException("a secret vote has no interim results: liveResults must be false");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonValue v : body.optArray("eligibleRoles").orElse(JsonArray.of("moderator", "participant"))) {
            roles.add(switch (v.asString()) {
                case "moderator" -> Role.MODERATOR;
                case "participant" -> Role.PARTICIPANT;
                case "guest" -> Role.GUEST;
                default -> throw new JsonException("eligibleRoles holds moderator, participant or guest");
            });
        }
        if (roles.isEmpty()) {
            throw new JsonException("eligibleRoles must name at least one role");
        }
        Optional<UUID> repeatOf = body.optString("repeatOf").map(VoteDefinition::uuid);
        return new VoteDefinition(kind, purpose, question, agenda, List.copyOf(options), abstain, duration,
                body.optBoolean("autoClose").orElse(true), live, Set.copyOf(roles), body.optBoolean("guestsMayVote").orElse(false),
                body.optBoolean("phoneMayVote").orElse(false), repeatOf);
    }

    static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new JsonException("'" + Fields.abbreviate(text) + "' is not a vote id");
        }
    }

    /** The same vote again, as a repetition of {@code voteId}. */
    VoteDefinition repeating(UUID voteId) {
        return new VoteDefinition(kind, purpose, question, agendaItem, options, abstainAllowed, duration, autoClose, liveResults,
                eligibleRoles, guestsMayVote, phoneMayVote, Optional.of(voteId));
    }

    /** As stored and ledgered (and parseable again by {@link #parse}). */
    JsonObject toJson() {
        List<String> listed = new ArrayList<>(options);
        listed.remove(ABSTAIN);
        Set<String> roles = new LinkedHashSet<>();
        for (Role r : List.of(Role.MODERATOR, Role.PARTICIPANT, Role.GUEST)) {
            if (eligibleRoles.contains(r)) {
                roles.add(r.wireName());
            }
        }
        return JsonObject.builder()
                .put("kind", kind.wireName())
                .put("purpose", purpose)
                .put("question", question)
                .putIfPresent("agendaItem", agendaItem)
                .put("options", JsonArray.from(listed))
                .put("abstainAllowed", abstainAllowed)
                .putIfPresent("durationSeconds", duration.map(Duration::toSeconds))
                .put("autoClose", autoClose)
                .put("liveResults", liveResults)
                .put("eligibleRoles", JsonArray.from(roles))
                .put("guestsMayVote", guestsMayVote)
                .put("phoneMayVote", phoneMayVote)
                .putIfPresent("repeatOf", repeatOf.map(UUID::toString))
                .build();
    }
}
