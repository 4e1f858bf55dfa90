package org.plenum.core.pluginstorage;

import org.plenum.core.config.Settings;

/**
 * How plugins' own schemas are reached.
 *
 * @param poolSize   connections per plugin and node ({@code plugins.storage.pool.size}, default 4)
 * @param rolePrefix put before {@code plugin_<id>} in role names ({@code plugins.storage.role.prefix},
 *                   default empty): roles are global to a PostgreSQL cluster, so two installations
 *                   sharing one cluster need different prefixes
 */
public record PluginStorageConfig(int poolSize, String rolePrefix) {

    public PluginStorageConfig {
        if (poolSize < 1 || poolSize > 50) {
            throw new IllegalArgumentException("plugins.storage.pool.size must be 1 to 50, not " + poolSize);
        }
        if (!rolePrefix.matches("[a-z0-9_]{0,20}")) {
            throw new IllegalArgumentException("plugins.storage.role.prefix may have up to 20 characters of a-z, 0-9 and '_', not '"
                    + rolePrefix + "'");
        }
    }

    public static PluginStorageConfig from(Settings s) {
        return new PluginStorageConfig(s.getInt("plugins.storage.pool.size", 4), s.get("plugins.storage.role.prefix", ""));
    }

    public static PluginStorageConfig defaults() {
        return new PluginStorageConfig(4, "");
    }
}
