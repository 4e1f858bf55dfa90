package org.plenum.api.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable JSON value: the one representation of JSON in the plugin API, used for signaling
 * message bodies, join snapshots, plugin settings, audit payloads and REST bodies.
 *
 * <h2>Why the API has its own JSON type</h2>
 * <ul>
 *   <li>The API has no dependencies. If bodies were Jackson {@code JsonNode}s, every plugin would be
 *       bound to the host's Jackson version, and the OSGi and PF4J loaders would have to share it.
 *       A plugin may still use any JSON library it likes internally and convert at the edge via
 *       {@link #parse(String)} and {@link #toJson()}.</li>
 *   <li>A plain {@code String} body would push parsing, validation and error messages into every
 *       plugin. With this type, {@link JsonObject#getString(String)} and friends refuse bad input
 *       with a {@link JsonException} that names the field; the host answers the sender with
 *       {@code invalid_message} and that text.</li>
 *   <li>The audit log hashes its entries. A hash chain needs one exact byte form of each payload
 *       that the core, the {@code PluginTester} and an offline verifier compute identically;
 *       {@link #toJson()} is that <em>canonical form</em>: no insignificant whitespace, object
 *       members sorted by key (UTF-16 code units, as RFC 8785), minimal string escaping, numbers in
 *       one normalised notation (see {@link JsonNumber}).</li>
 * </ul>
 * The set of value kinds is closed by RFC 8259, so the type is sealed and a {@code switch} over it
 * is exhaustive:
 * {@snippet :
 * String describe(JsonValue v) {
 *     return switch (v) {
 *         case JsonObject o -> o.size() + " members";
 *         case JsonArray a -> a.size() + " elements";
 *         case JsonString(String s) -> "text " + s;
 *         case JsonNumber n -> "number " + n.value();
 *         case JsonBoolean(boolean b) -> "flag " + b;
 *         case JsonNull n -> "null";
 *     };
 * }
 * }
 * Parsing is strict (RFC 8259 plus I-JSON, RFC 7493): duplicate keys, lone surrogates, trailing
 * text, nesting deeper than {@value #MAX_DEPTH} and numbers longer than
 * {@value #MAX_NUMBER_LENGTH} characters are refused.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** How deeply arrays and objects may nest in parsed text. */
    int MAX_DEPTH = 64;

    /** How long a number literal may be in parsed text. */
    int MAX_NUMBER_LENGTH = 256;

    /**
     * Parses one JSON text.
     * {@snippet :
     * JsonObject body = JsonValue.parse("{\"option\":\"yes\"}").asObject();
     * }
     *
     * @throws JsonException with a message that says what is wrong and where (character offset)
     */
    static JsonValue parse(String text) {
        return new JsonParser(text).parseDocument();
    }

    /**
     * Converts a plain Java value: {@code null}, a {@code JsonValue}, {@code String},
     * {@code Boolean}, an integral {@code Number} ({@code Byte}, {@code Short}, {@code Integer},
     * {@code Long}, {@code BigInteger}), {@code BigDecimal}, a finite {@code Double} or
     * {@code Float}, a {@code Map} with {@code String} keys, or an {@code Iterable} of these.
     * Anything else (dates, UUIDs, enums, records) is refused, because the right JSON for them is
     * the plugin's choice: pass {@code uuid.toString()} or {@code instant.toString()}.
     * {@snippet :
     * JsonValue v = JsonValue.from(Map.of("yes", 12, "no", 3, "names", List.of("Ada", "Grace")));
     * }
     *
     * @throws JsonException for values of other types, non-finite numbers or non-string keys
     */
    static JsonValue from(Object value) {
        return switch (value) {
            case null -> JsonNull.NULL;
            case JsonValue v -> v;
            case String s -> new JsonString(s);
            case Boolean b -> JsonBoolean.of(b);
            case Integer i -> JsonNumber.of(i);
            case Long l -> JsonNumber.of(l);
            case Short s -> JsonNumber.of(s);
            case Byte b -> JsonNumber.of(b);
            case BigInteger i -> new JsonNumber(new BigDecimal(i));
            case BigDecimal d -> new JsonNumber(d);
            case Double d -> JsonNumber.of(d);
            case Float f -> JsonNumber.of(f.doubleValue());
            case Map<?, ?> map -> {
                TreeMap<String, JsonValue> members = new TreeMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new JsonException("map keys must be strings to become JSON object members, found "
                                + (e.getKey() == null ? "null" : e.getKey().getClass().getSimpleName()));
                    }
                    members.put(key, from(e.getValue()));
                }
                yield new JsonObject(members);
            }
            case Iterable<?> items -> {
                List<JsonValue> elements = new ArrayList<>();
                for (Object item : items) {
                    elements.add(from(item));
                }
                yield new JsonArray(elements);
            }
            default -> throw new JsonException("cannot turn a " + value.getClass().getName()
                    + " into JSON; convert it to a String, Number, Boolean, Map or List first");
        };
    }

    /** The canonical JSON text of this value (see the type's description). Same as {@code toString()}. */
    default String toJson() {
        StringBuilder out = new StringBuilder();
        JsonWriter.write(this, out);
        return out.toString();
    }

    /** The kind of value, for error messages: "object", "array", "string", "number", "boolean", "null". */
    default String kind() {
        return switch (this) {
            case JsonObject o -> "object";
            case JsonArray a -> "array";
            case JsonString s -> "string";
            case JsonNumber n -> "number";
            case JsonBoolean b -> "boolean";
            case JsonNull n -> "null";
        };
    }

    /**
     * This value as an object.
     *
     * @throws JsonException if it is another kind
     */
    default JsonObject asObject() {
        if (this instanceof JsonObject o) {
            return o;
        }
        throw new JsonException("expected an object, found " + kindWithArticle());
    }

    /**
     * This value as an array.
     *
     * @throws JsonException if it is another kind
     */
    default JsonArray asArray() {
        if (this instanceof JsonArray a) {
            return a;
        }
        throw new JsonException("expected an array, found " + kindWithArticle());
    }

    /**
     * The text of a string value.
     *
     * @throws JsonException if it is another kind
     */
    default String asString() {
        if (this instanceof JsonString(String s)) {
            return s;
        }
        throw new JsonException("expected a string, found " + kindWithArticle());
    }

    /**
     * The value of a boolean.
     *
     * @throws JsonException if it is another kind
     */
    default boolean asBoolean() {
        if (this instanceof JsonBoolean(boolean b)) {
            return b;
        }
        throw new JsonException("expected true or false, found " + kindWithArticle());
    }

    /**
     * The exact value of a number.
     *
     * @throws JsonException if it is another kind
     */
    default BigDecimal asDecimal() {
        if (this instanceof JsonNumber(BigDecimal d)) {
            return d;
        }
        throw new JsonException("expected a number, found " + kindWithArticle());
    }

    /**
     * A number that is a whole number within {@code long}.
     *
     * @throws JsonException if it is another kind, has a fraction or is out of range
     */
    default long asLong() {
        BigDecimal d = asDecimal();
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw new JsonException("expected a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                    + ", found " + JsonWriter.number(d));
        }
    }

    /**
     * A number that is a whole number within {@code int}.
     *
     * @throws JsonException if it is another kind, has a fraction or is out of range
     */
    default int asInt() {
        BigDecimal d = asDecimal();
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            throw new JsonException("expected a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
                    + ", found " + JsonWriter.number(d));
        }
    }

    /** True for {@link JsonNull}. */
    default boolean isNull() {
        return this instanceof JsonNull;
    }

    /** This value, or empty when it is JSON {@code null}. */
    default Optional<JsonValue> nonNull() {
        return isNull() ? Optional.empty() : Optional.of(this);
    }

    private String kindWithArticle() {
        return switch (this) {
            case JsonObject o -> "an object";
            case JsonArray a -> "an array";
            case JsonString s -> "a string";
            case JsonNumber n -> "a number";
            case JsonBoolean b -> "a boolean";
            case JsonNull n -> "null";
        };
    }
}
