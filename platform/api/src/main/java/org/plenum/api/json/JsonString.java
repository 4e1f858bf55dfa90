package org.plenum.api.json;

import java.util.Objects;

/**
 * A JSON string. Lone UTF-16 surrogates are refused (I-JSON, RFC 7493), so every string has one
 * UTF-8 form, which the audit log's hashing relies on.
 * {@snippet :
 * JsonValue name = new JsonString("Ada Lovelace");
 * if (name instanceof JsonString(String text)) {
 *     System.out.println(text.length());
 * }
 * }
 *
 * @param value the text, not null
 */
public record JsonString(String value) implements JsonValue {

    /** Checks the text. @throws JsonException if {@code value} contains a lone surrogate */
    public JsonString {
        Objects.requireNonNull(value, "value");
        checkText(value, "a string");
    }

    /** The canonical JSON text, with quotes; {@link #value()} is the bare text. */
    @Override
    public String toString() {
        return toJson();
    }

    static void checkText(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new JsonException(what + " contains a lone UTF-16 surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new JsonException(what + " contains a lone UTF-16 surrogate at index " + i);
            }
        }
    }
}
