package org.plenum.api.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A JSON array, immutable.
 * {@snippet :
 * JsonArray options = JsonArray.of("yes", "no", "abstain");
 * for (JsonValue option : options) {
 *     System.out.println(option.asString());
 * }
 * List<String> names = options.stream().map(JsonValue::asString).toList();
 * }
 *
 * @param elements the elements, in order; unmodifiable
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue, Iterable<JsonValue> {

    /** Copies {@code elements}, which must not contain Java {@code null} (use {@link JsonNull#NULL}). */
    public JsonArray {
        elements = List.copyOf(elements);
    }

    /** An array of the given values, each converted by {@link JsonValue#from(Object)}. */
    public static JsonArray of(Object... values) {
        List<JsonValue> list = new ArrayList<>(values.length);
        for (Object v : values) {
            list.add(JsonValue.from(v));
        }
        return new JsonArray(list);
    }

    /** An array of the given values, each converted by {@link JsonValue#from(Object)}. */
    public static JsonArray from(Iterable<?> values) {
        return JsonValue.from(Objects.requireNonNull(values, "values")).asArray();
    }

    /** How many elements. */
    public int size() {
        return elements.size();
    }

    /** Whether there are no elements. */
    public boolean isEmpty() {
        return elements.isEmpty();
    }

    /**
     * The element at {@code index}.
     *
     * @throws JsonException if there is none
     */
    public JsonValue get(int index) {
        if (index < 0 || index >= elements.size()) {
            throw new JsonException("index " + index + " is out of range (the array has " + elements.size() + " elements)");
        }
        return elements.get(index);
    }

    /** The elements as a stream. */
    public Stream<JsonValue> stream() {
        return elements.stream();
    }

    @Override
    public Iterator<JsonValue> iterator() {
        return elements.iterator();
    }

    /** The canonical JSON text. */
    @Override
    public String toString() {
        return toJson();
    }
}
