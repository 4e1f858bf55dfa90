package org.plenum.polls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.api.room.MessageRefusedException;

/**
 * What a poll asks and how it runs, read from a {@code create} message. Everything a client sends is checked
 * here: wrong kinds and unknown fields become {@code invalid_message} ({@link JsonException}), values out of
 * range {@code invalid_request}.
 *
 * @param question       the question, stripped, 1 to {@value #MAX_QUESTION} characters
 * @param options        2 to {@value #MAX_OPTIONS} options, stripped, each 1 to {@value #MAX_OPTION} characters,
 *                       different from each other (ignoring case)
 * @param multipleChoice whether a ballot may choose several options
 * @param anonymous      whether who voted for what stays unknown to everyone
 * @param liveResults    whether everyone sees the counts while the poll is open (else only when it closes)
 * @param duration       after how long the poll closes by itself, {@value #MIN_SECONDS} s to {@value #MAX_SECONDS} s; empty: when closed
 */
record PollQuestion(String question, List<String> options, boolean multipleChoice, boolean anonymous, boolean liveResults,
                    Optional<Duration> duration) {

    static final int MAX_QUESTION = 300;
    static final int MAX_OPTIONS = 20;
    static final int MAX_OPTION = 100;
    static final int MIN_SECONDS = 10;
    static final int MAX_SECONDS = 3600;

    private static final Set<String> FIELDS = Set.of("question", "options", "multipleChoice", "anonymous", "liveResults",
            "durationSeconds");

    PollQuestion {
        options = List.copyOf(options);
    }

    /**
     * Reads and checks a {@code create} body.
     *
     * @throws JsonException              for a missing field, a field of the wrong kind or an unknown field
     * @throws MessageRefusedException    ({@code invalid_request}) for values out of range
     */
    static PollQuestion parse(JsonObject body) {
        Fields.allowOnly(body, FIELDS);
        String question = body.getString("question").strip();
        if (question.isEmpty()) {
            throw MessageRefusedException.invalidRequest("the question must not be empty");
        }
        if (Fields.length(question) > MAX_QUESTION) {
            throw MessageRefusedException.invalidRequest("the question may have at most " + MAX_QUESTION + " characters, not "
                    + Fields.length(question));
        }
        List<String> options = options(body.getArray("options"));
        boolean multipleChoice = body.optBoolean("multipleChoice").orElse(false);
        boolean anonymous = body.optBoolean("anonymous").orElse(true);
        boolean liveResults = body.optBoolean("liveResults").orElse(false);
        Optional<Duration> duration = body.optInt("durationSeconds").map(seconds -> {
            if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
                throw MessageRefusedException.invalidRequest("durationSeconds must be from " + MIN_SECONDS + " to " + MAX_SECONDS
                        + " (or left out for a poll that runs until it is closed), not " + seconds);
            }
            return Duration.ofSeconds(seconds);
        });
        return new PollQuestion(question, options, multipleChoice, anonymous, liveResults, duration);
    }

    private static List<String> options(JsonArray raw) {
        // checked before looking at a single element, so a huge list costs nothing
        if (raw.size() < 2 || raw.size() > MAX_OPTIONS) {
            throw MessageRefusedException.invalidRequest("a poll has 2 to " + MAX_OPTIONS + " options, not " + raw.size());
        }
        List<String> options = new ArrayList<>(raw.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            JsonValue element = raw.get(i);
            if (!(element instanceof org.plenum.api.json.JsonString)) {
                throw new JsonException("field 'options': option " + (i + 1) + " must be a string, not " + element.kind());
            }
            String option = element.asString().strip();
            if (option.isEmpty()) {
                throw MessageRefusedException.invalidRequest("option " + (i + 1) + " is empty");
            }
            if (Fields.length(option) > MAX_OPTION) {
                throw MessageRefusedException.invalidRequest("option " + (i + 1) + " has " + Fields.length(option)
                        + " characters; at most " + MAX_OPTION + " are allowed");
            }
            if (!seen.add(option.toLowerCase(Locale.ROOT))) {
                throw MessageRefusedException.invalidRequest("option '" + Fields.abbreviate(option) + "' appears twice");
            }
            options.add(option);
        }
        return options;
    }

    /** The definition as clients see it (without id, creator and times). */
    JsonObject.Builder toJson(JsonObject.Builder into) {
        into.put("question", question).put("options", options).put("multipleChoice", multipleChoice)
                .put("anonymous", anonymous).put("liveResults", liveResults);
        duration.ifPresent(d -> into.put("durationSeconds", d.toSeconds()));
        return into;
    }
}
