package org.plenum.polls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;

/**
 * One poll of a room while it is open: what was asked, by whom, and one ballot per person. Used only on the
 * room's thread.
 *
 * <p>A person has at most one ballot; voting again replaces it while the poll is open. A person with an
 * account is one voter however many devices they join with and however often they leave and come back (ballots
 * are keyed by account); a guest is one voter per participant id. Ballots of people who left stay counted. For
 * anonymous polls the module still has to know who voted (to allow one ballot each), but this never leaves the
 * module: clients, the archive and events only get counts.
 */
final class Poll {

    /** Why a poll closed, as the {@code reason} of {@code closed}. */
    enum Reason {
        /** Its creator or a moderator closed it. */
        CLOSED,
        /** Its duration ran out. */
        TIME_UP,
        /** The meeting ended. */
        MEETING_ENDED,
        /** The plugin was stopped (update, disable) while the meeting went on. */
        PLUGIN_STOPPED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A participant's choices, with their name as it was when they voted (named polls show it). */
    private record Ballot(String participantId, String name, List<Integer> choices) {
    }

    private final String id;
    private final PollQuestion question;
    private final String creatorId;
    private final String creatorName;
    private final Instant startedAt;
    private final Optional<Instant> endsAt;
    private final Map<String, Ballot> ballots = new LinkedHashMap<>();

    Poll(String id, PollQuestion question, Participant creator, Instant startedAt) {
        this.id = id;
        this.question = question;
        this.creatorId = creator.id();
        this.creatorName = creator.displayName();
        this.startedAt = startedAt;
        this.endsAt = question.duration().map(startedAt::plus);
    }

    String id() {
        return id;
    }

    PollQuestion question() {
        return question;
    }

    boolean createdBy(Participant p) {
        return creatorId.equals(p.id());
    }

    int ballotCount() {
        return ballots.size();
    }

    /**
     * Checks {@code choices} (option indexes from 0) against this poll: one for single choice, one or more
     * different ones for multiple choice.
     *
     * @return the choices, sorted
     * @throws JsonException           for elements that are not whole numbers
     * @throws MessageRefusedException ({@code invalid_request}) for a wrong number of choices or an index out of range
     */
    List<Integer> checkChoices(JsonArray choices) {
        int n = question.options().size();
        if (question.multipleChoice()) {
            if (choices.isEmpty() || choices.size() > n) {
                throw MessageRefusedException.invalidRequest("choose 1 to " + n + " options, not " + choices.size());
            }
        } else if (choices.size() != 1) {
            throw MessageRefusedException.invalidRequest("this poll takes exactly one choice, not " + choices.size());
        }
        Set<Integer> seen = new HashSet<>();
        List<Integer> result = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            int index;
            try {
                index = choices.get(i).asInt();
            } catch (JsonException e) {
                throw new JsonException("field 'choices': element " + (i + 1) + ": " + e.getMessage());
            }
            if (index < 0 || index >= n) {
                throw MessageRefusedException.invalidRequest("there is no option " + index + "; options are numbered 0 to " + (n - 1));
            }
            if (!seen.add(index)) {
                throw MessageRefusedException.invalidRequest("option " + index + " is chosen twice");
            }
            result.add(index);
        }
        Collections.sort(result);
        return List.copyOf(result);
    }

    /** Records (or replaces) the voter's ballot. @return whether they had voted before */
    boolean record(Participant voter, List<Integer> choices) {
        return ballots.put(voterKey(voter), new Ballot(voter.id(), voter.displayName(), choices)) != null;
    }

    /** The voter's current choices, empty if they have not voted. */
    List<Integer> choicesOf(Participant voter) {
        Ballot b = ballots.get(voterKey(voter));
        return b == null ? List.of() : b.choices();
    }

    /** One ballot per account; guests, who have none, one per participant id. */
    private static String voterKey(Participant p) {
        return p.userId().map(u -> "user:" + u).orElse("participant:" + p.id());
    }

    /** How many ballots chose each option, in option order. */
    List<Integer> counts() {
        int[] counts = new int[question.options().size()];
        for (Ballot b : ballots.values()) {
            for (int choice : b.choices()) {
                counts[choice]++;
            }
        }
        List<Integer> list = new ArrayList<>(counts.length);
        for (int c : counts) {
            list.add(c);
        }
        return list;
    }

    /**
     * The results: {@code ballots}, {@code counts} and, for named polls when {@code withVoters}, {@code voters}:
     * one list per option of {@code {participantId, name}}, in order of voting.
     */
    JsonObject results(boolean withVoters) {
        JsonObject.Builder b = JsonObject.builder().put("ballots", ballots.size()).put("counts", counts());
        if (withVoters && !question.anonymous()) {
            List<List<JsonObject>> voters = new ArrayList<>();
            question.options().forEach(o -> voters.add(new ArrayList<>()));
            for (Ballot ballot : ballots.values()) {
                JsonObject who = JsonObject.of("participantId", ballot.participantId(), "name", ballot.name());
                ballot.choices().forEach(choice -> voters.get(choice).add(who));
            }
            b.put("voters", JsonValue.from(voters));
        }
        return b.build();
    }

    /** The poll as clients see it: definition, id, creator and times. */
    JsonObject view() {
        JsonObject.Builder b = question.toJson(JsonObject.builder())
                .put("id", id)
                .put("createdBy", JsonObject.of("participantId", creatorId, "name", creatorName))
                .put("startedAt", startedAt.toString());
        endsAt.ifPresent(t -> b.put("endsAt", t.toString()));
        return b.build();
    }
}
