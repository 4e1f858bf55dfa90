package org.plenum.api.storage;

import org.plenum.api.ui.UiContribution;

/**
 * Where a plugin keeps its Flyway migrations in its jar. When the plugin is installed or updated,
 * the host runs them with the plugin's class loader against the schema {@code plugin_<id>}, as the
 * plugin's own database role, recording history in that schema's
 * {@code flyway_schema_history}. Names follow Flyway: {@code V1__ballots.sql},
 * {@code V2__receipts.sql}; SQL only (no Java migrations, which would run with the host's rights).
 * {@snippet :
 * // src/main/resources/db/voting/V1__ballots.sql
 * PluginDescriptor d = PluginDescriptor.builder("voting", "1.0.0")
 *         .name("Abstimmungen").requires("[1.0,2.0)")
 *         .migrations(new SchemaMigrations("db/voting"))
 *         .build();
 * }
 * Write unqualified table names: the connection's {@code search_path} is the plugin's schema.
 * Migrations must be forward-compatible with the previous plugin version while both may run
 * during an update (expand, then contract in a later version).
 *
 * @param location a directory in the jar, relative, for example {@code db/voting}
 */
public record SchemaMigrations(String location) {

    /** Checks the location. @throws IllegalArgumentException for absolute paths, {@code ..}, a {@code classpath:} prefix or odd characters */
    public SchemaMigrations {
        if (location != null && location.contains(":")) {
            throw new IllegalArgumentException("migration location '" + location
                    + "' must be a plain directory in the jar such as db/voting, without 'classpath:'");
        }
        UiContribution.checkRelativePath(location, "migration location");
    }

    /** The location as Flyway expects it: {@code classpath:db/voting}. */
    public String flywayLocation() {
        return "classpath:" + location;
    }
}
