package org.plenum.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The server's configuration: a properties file from {@code conf/}, overridden by {@code PLENUM_*}
 * environment variables. Keys are lower-case words joined by dots ({@code http.port}); the matching
 * variable is the key upper-cased with dots as underscores ({@code PLENUM_HTTP_PORT}). Keys carry no
 * underscores so that the mapping works in both directions.
 */
public final class Settings {

    private static final String ENV_PREFIX = "PLENUM_";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Settings from explicit key/value pairs, used by tests and embedders. */
    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** Reads {@code file} if it exists, then applies the {@code PLENUM_*} entries of {@code env}. */
    public static Settings load(Path file, Map<String, String> env) {
        Map<String, String> merged = new TreeMap<>();
        if (file != null && Files.isRegularFile(file)) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            } catch (IOException e) {
                throw new ConfigurationException("cannot read configuration file " + file + ": " + e.getMessage());
            }
            props.stringPropertyNames().forEach(k -> merged.put(k.trim(), props.getProperty(k).trim()));
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                merged.put(keyOf(name), value);
            }
        });
        return new Settings(merged);
    }

    /** {@code PLENUM_HTTP_PORT} → {@code http.port}. */
    public static String keyOf(String envName) {
        return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** {@code http.port} → {@code PLENUM_HTTP_PORT}. */
    public static String envNameOf(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** A copy with {@code overrides} applied on top. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public Optional<String> find(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public String get(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return find(key).map(v -> parse(key, v, Integer::parseInt, "an integer")).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return find(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, v, "true or false");
        }).orElse(defaultValue);
    }

    /** Durations as ISO-8601 ({@code PT30S}) or a number with unit: {@code 30s}, {@code 5m}, {@code 2h}, {@code 250ms}. */
    public Duration getDuration(String key, Duration defaultValue) {
        return find(key).map(v -> parseDuration(key, v)).orElse(defaultValue);
    }

    /** All entries below {@code prefix.}, with the prefix removed. */
    public Map<String, String> below(String prefix) {
        String p = prefix.endsWith(".") ? prefix : prefix + ".";
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(p)) {
                out.put(k.substring(p.length()), v);
            }
        });
        return out;
    }

    private static Duration parseDuration(String key, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw invalid(key, v, "a duration such as 30s, 5m or PT1H");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw invalid(key, v, "a duration such as 30s, 5m or PT1H");
        }
    }

    private static <T> T parse(String key, String v, java.util.function.Function<String, T> parser, String expected) {
        try {
            return parser.apply(v.trim());
        } catch (RuntimeException e) {
            throw invalid(key, v, expected);
        }
    }

    private static ConfigurationException invalid(String key, String value, String expected) {
        return new ConfigurationException("configuration key " + key + " (" + envNameOf(key) + ") is '" + value
                + "' but must be " + expected);
    }
}
