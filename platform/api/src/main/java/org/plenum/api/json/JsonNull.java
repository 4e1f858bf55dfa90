package org.plenum.api.json;

/**
 * JSON {@code null}: a single value.
 * {@snippet :
 * JsonObject result = JsonObject.of("winner", JsonNull.NULL);   // a tie
 * boolean tie = result.find("winner").orElseThrow().isNull();
 * }
 */
public enum JsonNull implements JsonValue {
    /** The one JSON {@code null}. */
    NULL;

    /** {@code null}. */
    @Override
    public String toString() {
        return "null";
    }
}
