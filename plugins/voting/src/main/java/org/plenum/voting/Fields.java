package org.plenum.voting;

import java.util.Set;
import java.util.TreeSet;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;

/** Body checks the {@link JsonObject} accessors do not make. */
final class Fields {

    private Fields() {
    }

    /**
     * Refuses members other than {@code allowed}, so that a typo ({@code "mutipleChoice"}) is an error and not a silent default.
     *
     * @throws JsonException naming the first unknown member; the host answers {@code invalid_message}
     */
    static JsonObject allowOnly(JsonObject body, Set<String> allowed) {
        for (String key : body.keys()) {
            if (!allowed.contains(key)) {
                throw new JsonException("field '" + abbreviate(key) + "' is not part of this message; its fields are "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return body;
    }

    /** At most 40 characters of text from a client, for messages that quote it. */
    static String abbreviate(String text) {
        return text.codePointCount(0, text.length()) <= 40 ? text : text.substring(0, text.offsetByCodePoints(0, 40)) + "…";
    }

    /** Length in characters (code points), as a person counts them. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
