package org.plenum.core.pluginstorage;

import java.util.Optional;

/**
 * What running a plugin's migrations did.
 *
 * @param source  where the migrations were found
 * @param applied how many were applied now (0 when the schema was already up to date)
 * @param version the schema's version afterwards
 */
public record MigrationOutcome(MigrationSource source, int applied, Optional<String> version) {
}
