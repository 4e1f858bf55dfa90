package org.plenum.timer;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.MessageRefusedException;

/**
 * A {@code start} message, checked: wrong kinds and unknown fields become {@code invalid_message}
 * ({@link JsonException}), values out of range {@code invalid_request}.
 *
 * @param kind           countdown or stopwatch
 * @param title          what it is for ("Kaffeepause"), stripped, at most {@value #MAX_TITLE} characters, may be empty
 * @param duration       a countdown's length, 1 s to {@link TimerModule#LIMIT}; empty for a stopwatch
 * @param anonymousReady whether everyone sees only how many are ready, not who
 */
record TimerRequest(Kind kind, String title, Optional<Duration> duration, boolean anonymousReady) {

    static final int MAX_TITLE = 100;

    private static final Set<String> FIELDS = Set.of("kind", "title", "durationSeconds", "anonymousReady");

    /** What kind of timer. */
    enum Kind {
        /** Counts down from a duration and ends by itself. */
        COUNTDOWN,
        /** Counts up until a moderator stops it (or {@link TimerModule#LIMIT} is reached). */
        STOPWATCH;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static TimerRequest parse(JsonObject body) {
        Fields.allowOnly(body, FIELDS);
        String kindText = body.getString("kind");
        Kind kind = switch (kindText) {
            case "countdown" -> Kind.COUNTDOWN;
            case "stopwatch" -> Kind.STOPWATCH;
            default -> throw MessageRefusedException.invalidRequest("kind must be 'countdown' or 'stopwatch', not '"
                    + Fields.abbreviate(kindText) + "'");
        };
        String title = body.optString("title").orElse("").strip();
        if (Fields.length(title) > MAX_TITLE) {
            throw MessageRefusedException.invalidRequest("the title may have at most " + MAX_TITLE + " characters, not " + Fields.length(title));
        }
        Optional<Integer> seconds = body.optInt("durationSeconds");
        long limit = TimerModule.LIMIT.toSeconds();
        Optional<Duration> duration = switch (kind) {
            case COUNTDOWN -> {
                int s = seconds.orElseThrow(() -> new JsonException("field 'durationSeconds' is missing (a countdown needs it)"));
                if (s < 1 || s > limit) {
                    throw MessageRefusedException.invalidRequest("durationSeconds must be from 1 to " + limit + ", not " + s);
                }
                yield Optional.of(Duration.ofSeconds(s));
            }
            case STOPWATCH -> {
                if (seconds.isPresent()) {
                    throw MessageRefusedException.invalidRequest("a stopwatch has no duration; leave durationSeconds out");
                }
                yield Optional.empty();
            }
        };
        return new TimerRequest(kind, title, duration, body.optBoolean("anonymousReady").orElse(false));
    }
}
