package org.plenum.api.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A JSON object: members sorted by key, immutable. The bodies of signaling messages are objects.
 *
 * <p>The {@code get…} accessors read a required member and throw a {@link JsonException} that names
 * it ("field 'option' is missing", "field 'option': expected a string, found a number"); the
 * {@code opt…} accessors treat a missing member and JSON {@code null} alike as empty. In a room
 * module, such an exception is answered to the sender as {@code invalid_message}, so a handler can
 * read its input without checks of its own:
 * {@snippet :
 * public void onMessage(InboundMessage message) {
 *     if (message.type().equals("cast")) {
 *         String voteId = message.body().getString("voteId");
 *         String option = message.body().getString("option");
 *         boolean recordMyVote = message.body().optBoolean("recordMyVote").orElse(false);
 *         // ...
 *     }
 * }
 * }
 * Building one:
 * {@snippet :
 * JsonObject tally = JsonObject.builder()
 *         .put("yes", 12).put("no", 3).put("abstain", 1)
 *         .put("valid", true)
 *         .build();
 * JsonObject withQuorum = tally.with("quorum", 11);
 * }
 *
 * @param members the members, sorted by key; unmodifiable
 */
public record JsonObject(SortedMap<String, JsonValue> members) implements JsonValue {

    private static final JsonObject EMPTY = new JsonObject(new TreeMap<>());

    /** Copies {@code members}; keys and values must not be null. */
    public JsonObject {
        TreeMap<String, JsonValue> copy = new TreeMap<>();
        for (Map.Entry<String, JsonValue> e : members.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "member key");
            JsonString.checkText(key, "the member key");
            copy.put(key, Objects.requireNonNull(e.getValue(), () -> "value of member '" + key + "'"));
        }
        members = Collections.unmodifiableSortedMap(copy);
    }

    /** The empty object {@code {}}. */
    public static JsonObject of() {
        return EMPTY;
    }

    /** An object with one member; the value is converted by {@link JsonValue#from(Object)}. */
    public static JsonObject of(String k1, Object v1) {
        return builder().put(k1, v1).build();
    }

    /** An object with two members; values are converted by {@link JsonValue#from(Object)}. */
    public static JsonObject of(String k1, Object v1, String k2, Object v2) {
        return builder().put(k1, v1).put(k2, v2).build();
    }

    /** An object with three members; values are converted by {@link JsonValue#from(Object)}. */
    public static JsonObject of(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        return builder().put(k1, v1).put(k2, v2).put(k3, v3).build();
    }

    /** An object with four members; values are converted by {@link JsonValue#from(Object)}. */
    public static JsonObject of(String k1, Object v1, String k2, Object v2, String k3, Object v3, String k4, Object v4) {
        return builder().put(k1, v1).put(k2, v2).put(k3, v3).put(k4, v4).build();
    }

    /**
     * Parses JSON text that must be an object.
     *
     * @throws JsonException if it is not JSON or not an object
     */
    public static JsonObject parse(String text) {
        return JsonValue.parse(text).asObject();
    }

    /** A builder for an object; a later {@code put} of the same key replaces the earlier one. */
    public static Builder builder() {
        return new Builder(new TreeMap<>());
    }

    /** A copy with {@code key} set to {@code value} (converted by {@link JsonValue#from(Object)}). */
    public JsonObject with(String key, Object value) {
        return new Builder(new TreeMap<>(members)).put(key, value).build();
    }

    /** A copy without {@code key}. */
    public JsonObject without(String key) {
        TreeMap<String, JsonValue> copy = new TreeMap<>(members);
        copy.remove(key);
        return new JsonObject(copy);
    }

    /** How many members. */
    public int size() {
        return members.size();
    }

    /** Whether there are no members. */
    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** Whether {@code key} is present (even with the value {@code null}). */
    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** The keys, in sorted order; unmodifiable. */
    public Set<String> keys() {
        return members.keySet();
    }

    /** The member {@code key}, if present (JSON {@code null} is present). */
    public Optional<JsonValue> find(String key) {
        return Optional.ofNullable(members.get(key));
    }

    /**
     * A required member of any kind.
     *
     * @throws JsonException if it is missing
     */
    public JsonValue get(String key) {
        JsonValue v = members.get(key);
        if (v == null) {
            throw new JsonException("field '" + key + "' is missing");
        }
        return v;
    }

    /** The string member {@code key}. @throws JsonException if it is missing or not a string */
    public String getString(String key) {
        return field(key, get(key), JsonValue::asString);
    }

    /** The whole-number member {@code key}. @throws JsonException if it is missing or not a whole number within {@code int} */
    public int getInt(String key) {
        return field(key, get(key), JsonValue::asInt);
    }

    /** The whole-number member {@code key}. @throws JsonException if it is missing or not a whole number within {@code long} */
    public long getLong(String key) {
        return field(key, get(key), JsonValue::asLong);
    }

    /** The number member {@code key}, exactly. @throws JsonException if it is missing or not a number */
    public BigDecimal getDecimal(String key) {
        return field(key, get(key), JsonValue::asDecimal);
    }

    /** The boolean member {@code key}. @throws JsonException if it is missing or not a boolean */
    public boolean getBoolean(String key) {
        return field(key, get(key), JsonValue::asBoolean);
    }

    /** The object member {@code key}. @throws JsonException if it is missing or not an object */
    public JsonObject getObject(String key) {
        return field(key, get(key), JsonValue::asObject);
    }

    /** The array member {@code key}. @throws JsonException if it is missing or not an array */
    public JsonArray getArray(String key) {
        return field(key, get(key), JsonValue::asArray);
    }

    /** Empty if {@code key} is missing or null. @throws JsonException if it is another kind than string */
    public Optional<String> optString(String key) {
        return optional(key, JsonValue::asString);
    }

    /** Empty if {@code key} is missing or null. @throws JsonException if present but not an {@code int} */
    public Optional<Integer> optInt(String key) {
        return optional(key, JsonValue::asInt);
    }

    /** Empty if {@code key} is missing or null. @throws JsonException if present but not a {@code long} */
    public Optional<Long> optLong(String key) {
        return optional(key, JsonValue::asLong);
    }

    /** Empty if {@code key} is missing or null. @throws JsonException if present but not a boolean */
    public Optional<Boolean> optBoolean(String key) {
        return optional(key, JsonValue::asBoolean);
    }

    /** Empty if {@code key} is missing or null. @throws JsonException if present but not an object */
    public Optional<JsonObject> optObject(String key) {
        return optional(key, JsonValue::asObject);
    }

    /** Empty if {@code key} is missing or null. @throws JsonException if present but not an array */
    public Optional<JsonArray> optArray(String key) {
        return optional(key, JsonValue::asArray);
    }

    /** The canonical JSON text. */
    @Override
    public String toString() {
        return toJson();
    }

    private <T> Optional<T> optional(String key, java.util.function.Function<JsonValue, T> read) {
        JsonValue v = members.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(field(key, v, read));
    }

    private static <T> T field(String key, JsonValue v, java.util.function.Function<JsonValue, T> read) {
        try {
            return read.apply(v);
        } catch (JsonException e) {
            throw new JsonException("field '" + key + "': " + e.getMessage());
        }
    }

    /**
     * Collects members for a {@link JsonObject}.
     * {@snippet :
     * JsonObject body = JsonObject.builder().put("voteId", voteId.toString()).put("open", true).build();
     * }
     */
    public static final class Builder {

        private final TreeMap<String, JsonValue> members;

        private Builder(TreeMap<String, JsonValue> members) {
            this.members = members;
        }

        /** Sets {@code key}; {@code value} is converted by {@link JsonValue#from(Object)}. */
        public Builder put(String key, Object value) {
            Objects.requireNonNull(key, "key");
            members.put(key, JsonValue.from(value));
            return this;
        }

        /** Sets {@code key} only when {@code value} is present. */
        public Builder putIfPresent(String key, Optional<?> value) {
            value.ifPresent(v -> put(key, v));
            return this;
        }

        /** The object; the builder may be used further. */
        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}
