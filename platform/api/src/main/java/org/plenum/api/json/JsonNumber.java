package org.plenum.api.json;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept as an exact decimal. Trailing zeros are dropped on construction, so
 * {@code 1}, {@code 1.0} and {@code 1e0} are equal and have one text form.
 *
 * <p>Canonical text: whole numbers and decimals are written plainly when the leading digit's power
 * of ten lies in [-6, 20] ({@code 1000}, {@code 0.25}, {@code 0.000001}); otherwise in scientific
 * notation with a lower-case {@code e} and a sign ({@code 1e+21}, {@code 1.5e-7}). This is
 * JavaScript's rule, so values that came from doubles read the same in the browser.
 * {@snippet :
 * JsonNumber yes = JsonNumber.of(12);
 * long count = yes.asLong();                    // 12
 * JsonNumber share = JsonNumber.of(0.5);
 * String text = share.toJson();                 // "0.5"
 * }
 *
 * @param value the exact value, normalised (no trailing zeros)
 */
public record JsonNumber(BigDecimal value) implements JsonValue {

    /** Normalises {@code value} by stripping trailing zeros. */
    public JsonNumber {
        Objects.requireNonNull(value, "value");
        value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    /** A whole number. */
    public static JsonNumber of(long value) {
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    /**
     * A double, by its shortest decimal form ({@code 0.1} stays {@code 0.1}).
     *
     * @throws JsonException for NaN and infinities, which JSON cannot express
     */
    public static JsonNumber of(double value) {
        if (!Double.isFinite(value)) {
            throw new JsonException("JSON has no " + value + "; numbers must be finite");
        }
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    /** Whether the value has no fractional part. */
    public boolean isWhole() {
        return value.signum() == 0 || value.scale() <= 0;
    }

    /** The canonical text, for example {@code 12} or {@code 1e+21}. */
    @Override
    public String toString() {
        return toJson();
    }
}
