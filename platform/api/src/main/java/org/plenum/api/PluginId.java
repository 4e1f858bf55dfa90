package org.plenum.api;

import java.util.Objects;
import java.util.Set;

/**
 * A plugin's id: its signaling namespace, its URL segment ({@code /api/v1/plugins/{id}/…},
 * {@code /plugins/{id}/ui/}) and, as {@link #schemaName()}, its database schema. So it is lower
 * case ASCII letters and digits in words joined by single hyphens, starting with a letter,
 * {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters, and none of the {@link #RESERVED} names.
 * {@snippet :
 * PluginId id = PluginId.of("council-session");
 * String ns = id.value();              // "council-session", the namespace of its messages
 * String schema = id.schemaName();     // "plugin_council_session"
 * }
 * Hyphens become underscores in the schema name; because underscores are not allowed in ids, no
 * two ids share a schema.
 *
 * @param value the id text
 */
public record PluginId(String value) implements Comparable<PluginId> {

    /** The shortest id. */
    public static final int MIN_LENGTH = 2;

    /** The longest id (the schema name stays far below PostgreSQL's 63-byte identifier limit). */
    public static final int MAX_LENGTH = 32;

    /** Names taken by the core's signaling namespaces and the platform itself. */
    public static final Set<String> RESERVED = Set.of(
            "control", "media", "moderation", "chat", "hand", "core", "plenum", "platform", "plugin", "plugins", "api", "admin");

    /** Checks the id. @throws IllegalArgumentException if {@code value} breaks the rules above, saying which */
    public PluginId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a plugin id is required, but it was empty");
        }
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("plugin id '" + abbreviate(value) + "' must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters long, but has " + value.length());
        }
        if (value.charAt(0) < 'a' || value.charAt(0) > 'z') {
            throw new IllegalArgumentException("plugin id '" + value + "' must start with a lower-case letter a-z");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("plugin id '" + value + "' may contain only a-z, 0-9 and '-', but has "
                        + (c >= 0x21 && c <= 0x7e ? "'" + c + "'" : "U+" + String.format("%04X", (int) c)) + " at position " + i);
            }
            if (c == '-' && (i == value.length() - 1 || value.charAt(i + 1) == '-')) {
                throw new IllegalArgumentException("plugin id '" + value + "' must not end with '-' or contain '--'");
            }
        }
        if (RESERVED.contains(value)) {
            throw new IllegalArgumentException("plugin id '" + value + "' is reserved for the platform; choose another");
        }
    }

    /** Same as the constructor. */
    public static PluginId of(String value) {
        return new PluginId(value);
    }

    /** The PostgreSQL schema owned by the plugin: {@code plugin_} and the id with {@code -} as {@code _}. */
    public String schemaName() {
        return "plugin_" + value.replace('-', '_');
    }

    @Override
    public int compareTo(PluginId o) {
        return value.compareTo(o.value);
    }

    /** The id text. */
    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
