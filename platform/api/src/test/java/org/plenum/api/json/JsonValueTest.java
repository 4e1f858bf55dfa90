package org.plenum.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonValueTest {

    @Test
    void parsesEveryKindOfValue() {
        JsonObject o = JsonObject.parse("""
                {"s": "text", "n": -12.5e1, "t": true, "f": false, "z": null, "a": [1, "two", {}], "o": {"x": []}}""");
        assertThat(o.getString("s")).isEqualTo("text");
        assertThat(o.getDecimal("n")).isEqualByComparingTo("-125");
        assertThat(o.getLong("n")).isEqualTo(-125L);
        assertThat(o.getBoolean("t")).isTrue();
        assertThat(o.getBoolean("f")).isFalse();
        assertThat(o.get("z").isNull()).isTrue();
        assertThat(o.getArray("a").elements()).containsExactly(JsonNumber.of(1), new JsonString("two"), JsonObject.of());
        assertThat(o.getObject("o").getArray("x").isEmpty()).isTrue();
    }

    @Test
    void canonicalFormSortsKeysAndDropsWhitespace() {
        JsonValue v = JsonValue.parse(" { \"b\" : [ 1 , 2 ] ,\n \"a\" : { \"d\" : null , \"c\" : true } } ");
        assertThat(v.toJson()).isEqualTo("{\"a\":{\"c\":true,\"d\":null},\"b\":[1,2]}");
        assertThat(JsonValue.parse(v.toJson())).isEqualTo(v);
    }

    @Test
    void canonicalFormEscapesOnlyWhatJsonRequires() {
        JsonString s = new JsonString("quote\" backslash\\ slash/ tab\t nl\n nul\u0000 unit\u001f del\u007f ä € 😀 \u2028");
        assertThat(s.toJson()).isEqualTo("\"quote\\\" backslash\\\\ slash/ tab\\t nl\\n nul\\u0000 unit\\u001f del\u007f ä € 😀 \u2028\"");
        assertThat(JsonValue.parse(s.toJson())).isEqualTo(s);
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
            "1|1", "1.0|1", "1e0|1", "-0|0", "0.0e5|0", "100|100", "1e2|100", "1.5E+3|1500",
            "0.25|0.25", "0.000001|0.000001", "0.0000001|1e-7", "123e-9|1.23e-7",
            "100000000000000000000|100000000000000000000", "1e21|1e+21", "12345678901234567890123|1.2345678901234567890123e+22",
            "-1.50|-1.5", "1e400|1e+400"})
    void numbersHaveOneCanonicalText(String in, String canonical) {
        JsonValue v = JsonValue.parse(in);
        assertThat(v.toJson()).isEqualTo(canonical);
        assertThat(JsonValue.parse(canonical)).isEqualTo(v);
    }

    @Test
    void equalNumbersAreEqualWhateverTheirScale() {
        assertThat(new JsonNumber(new BigDecimal("1.00"))).isEqualTo(JsonNumber.of(1)).hasSameHashCodeAs(JsonNumber.of(1));
        assertThat(JsonNumber.of(0.1).toJson()).isEqualTo("0.1");
        assertThat(JsonNumber.of(2.0).isWhole()).isTrue();
    }

    @Test
    void fromConvertsPlainJavaValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("yes", 12);
        map.put("share", 0.5);
        map.put("names", List.of("Ada", "Grace"));
        map.put("none", null);
        map.put("big", new BigDecimal("1.10"));
        assertThat(JsonValue.from(map).toJson())
                .isEqualTo("{\"big\":1.1,\"names\":[\"Ada\",\"Grace\"],\"none\":null,\"share\":0.5,\"yes\":12}");
    }

    @Test
    void fromRefusesWhatHasNoObviousJson() {
        assertThatThrownBy(() -> JsonValue.from(UUID.randomUUID())).isInstanceOf(JsonException.class).hasMessageContaining("java.util.UUID");
        assertThatThrownBy(() -> JsonValue.from(Instant.EPOCH)).isInstanceOf(JsonException.class).hasMessageContaining("String");
        assertThatThrownBy(() -> JsonValue.from(Double.NaN)).isInstanceOf(JsonException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> JsonValue.from(Map.of(1, "x"))).isInstanceOf(JsonException.class).hasMessageContaining("keys must be strings");
    }

    @Test
    void accessorsNameTheFieldAndTheProblem() {
        JsonObject body = JsonObject.of("option", 3, "voteId", "v-1", "count", 1.5, "huge", new BigDecimal("1e30"));
        assertThatThrownBy(() -> body.getString("missing")).isInstanceOf(JsonException.class).hasMessage("field 'missing' is missing");
        assertThatThrownBy(() -> body.getString("option")).hasMessage("field 'option': expected a string, found a number");
        assertThatThrownBy(() -> body.getBoolean("voteId")).hasMessage("field 'voteId': expected true or false, found a string");
        assertThatThrownBy(() -> body.getLong("count")).hasMessageContaining("field 'count': expected a whole number").hasMessageEndingWith("found 1.5");
        assertThatThrownBy(() -> body.getInt("huge")).hasMessageContaining("expected a whole number between").hasMessageEndingWith("found 1e+30");
        assertThatThrownBy(() -> body.getObject("option")).hasMessage("field 'option': expected an object, found a number");
        assertThatThrownBy(() -> JsonArray.of(1).get(1)).hasMessage("index 1 is out of range (the array has 1 elements)");
    }

    @Test
    void optionalAccessorsTreatMissingAndNullAlike() {
        JsonObject body = JsonObject.parse("{\"a\":null,\"b\":true,\"c\":\"x\"}");
        assertThat(body.optBoolean("a")).isEmpty();
        assertThat(body.optBoolean("nope")).isEmpty();
        assertThat(body.optBoolean("b")).contains(true);
        assertThat(body.optString("c")).contains("x");
        assertThatThrownBy(() -> body.optLong("c")).hasMessage("field 'c': expected a number, found a string");
    }

    @Test
    void objectsAreImmutableAndCopyOnWrite() {
        JsonObject a = JsonObject.of("x", 1);
        JsonObject b = a.with("y", 2);
        assertThat(a.keys()).containsExactly("x");
        assertThat(b.keys()).containsExactly("x", "y");
        assertThat(b.without("x")).isEqualTo(JsonObject.of("y", 2));
        assertThatThrownBy(() -> a.members().put("z", JsonNull.NULL)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(JsonObject.builder().putIfPresent("p", Optional.empty()).putIfPresent("q", Optional.of("v")).build())
                .isEqualTo(JsonObject.of("q", "v"));
    }

    @Test
    void switchOverTheSealedFamilyIsExhaustive() {
        List<String> kinds = JsonArray.of(JsonObject.of(), JsonArray.of(), "s", 1, true, null).stream().map(v -> switch (v) {
            case JsonObject o -> "object";
            case JsonArray a -> "array";
            case JsonString s -> "string";
            case JsonNumber n -> "number";
            case JsonBoolean b -> "boolean";
            case JsonNull n -> "null";
        }).toList();
        assertThat(kinds).containsExactly("object", "array", "string", "number", "boolean", "null");
    }

    @Test
    void surrogatePairsAreFineButLoneSurrogatesAreRefused() {
        assertThat(JsonValue.parse("\"\\ud83d\\ude00\"").asString()).isEqualTo("😀");
        assertThatThrownBy(() -> JsonValue.parse("\"\\ud83d\"")).isInstanceOf(JsonException.class).hasMessageContaining("lone UTF-16 surrogate");
        assertThatThrownBy(() -> JsonValue.parse("\"\\ude00x\"")).hasMessageContaining("lone UTF-16 surrogate");
        assertThatThrownBy(() -> new JsonString("a\ud800")).hasMessageContaining("lone UTF-16 surrogate");
        assertThatThrownBy(() -> JsonObject.of("\udc00", 1)).hasMessageContaining("member key contains a lone");
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
            "''|empty input",
            "'   '|empty input",
            "nul|expected a value",
            "tru|expected a value",
            "{|expected a member name",
            "{\"a\"|expected ':'",
            "{\"a\":|unexpected end of input",
            "{\"a\":1|expected ',' or '}'",
            "{\"a\":1,}|expected a member name",
            "[1,]|unexpected ']'",
            "[1 2]|expected ',' or ']'",
            "{a:1}|expected a member name",
            "{'a':1}|expected a member name",
            "\"abc|unterminated string",
            "\"a\\x\"|invalid escape",
            "\"\\u12G4\"|four hex digits",
            "\"\\u12\"|four hex digits",
            "01|leading zeros",
            "-|expected a digit",
            "1.|after the decimal point",
            ".5|unexpected '.'",
            "+1|unexpected '+'",
            "1e|in the exponent",
            "1e99999999999|out of range",
            "NaN|unexpected 'N'",
            "Infinity|unexpected 'I'",
            "{} {}|after the JSON value",
            "1 2|after the JSON value",
            "{\"a\":1,\"a\":2}|duplicate member name 'a'",
            "[1]x|after the JSON value"})
    void refusesMalformedJsonWithPosition(String text, String expected) {
        assertThatThrownBy(() -> JsonValue.parse(text))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void errorMessagesGiveTheOffset() {
        assertThatThrownBy(() -> JsonValue.parse("{\"a\": tru}")).hasMessage("invalid JSON at offset 6: unexpected 't': expected a value");
    }

    @Test
    void refusesRawControlCharactersInStrings() {
        assertThatThrownBy(() -> JsonValue.parse("\"a\nb\"")).hasMessageContaining("unescaped control character U+000A");
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> JsonValue.parse(deep)).isInstanceOf(JsonException.class).hasMessageContaining("deeper than 64");
        String ok = "[".repeat(64) + "]".repeat(64);
        assertThat(JsonValue.parse(ok)).isInstanceOf(JsonArray.class);
        String objects = "{\"a\":".repeat(65) + "1" + "}".repeat(65);
        assertThatThrownBy(() -> JsonValue.parse(objects)).hasMessageContaining("deeper than 64");
    }

    @Test
    void refusesOverlongNumbers() {
        assertThatThrownBy(() -> JsonValue.parse("1".repeat(300))).hasMessageContaining("number longer than 256");
    }

    @Test
    void hugeExponentsStayCheap() {
        JsonValue v = JsonValue.parse("1e999999999");
        assertThat(v.toJson()).isEqualTo("1e+999999999");
        assertThatThrownBy(v::asLong).hasMessageContaining("expected a whole number");
    }

    @Test
    void rejectsNullText() {
        assertThatThrownBy(() -> JsonValue.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
