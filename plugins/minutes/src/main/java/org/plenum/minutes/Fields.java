package org.plenum.minutes;

import java.util.Set;
import java.util.TreeSet;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;

/** Body checks the {@link JsonObject} accessors do not make; each throws a {@link JsonException} naming the field. */
final class Fields {

    private Fields() {
    }

    /** Refuses members other than {@code allowed}, so that a typo is an error and not a silent default. */
    static JsonObject allowOnly(JsonObject body, Set<String> allowed) {
        for (String key : body.keys()) {
            if (!allowed.contains(key)) {
                throw new JsonException("field '" + abbreviate(key) + "' is not part of this message; its fields are "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return body;
    }

    /** Text of {@code min} to {@code max} characters (code points), stripped; no control characters but none at all. */
    static String text(String value, String field, int min, int max) {
        String s = value.strip();
        int length = s.codePointCount(0, s.length());
        if (length < min || length > max) {
            throw new JsonException("field '" + field + "' must be " + min + " to " + max + " characters, not " + length);
        }
        if (s.codePoints().anyMatch(Character::isISOControl)) {
            throw new JsonException("field '" + field + "' must not contain control characters");
        }
        return s;
    }

    /** An id or key: 1 to 80 characters of letters, digits and {@code : . _ -}. */
    static String id(String value, String field) {
        if (value.isEmpty() || value.length() > 80 || !value.matches("[A-Za-z0-9:._-]+")) {
            throw new JsonException("field '" + field + "' is not a valid id");
        }
        return value;
    }

    /** An object from key-value pairs (values as {@link org.plenum.api.json.JsonValue#from}). */
    static JsonObject json(Object... keysAndValues) {
        JsonObject.Builder b = JsonObject.builder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            b.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return b.build();
    }

    /** At most 40 characters of text from a client, for messages that quote it. */
    static String abbreviate(String text) {
        return text.codePointCount(0, text.length()) <= 40 ? text : text.substring(0, text.offsetByCodePoints(0, 40)) + "…";
    }
}
