package org.plenum.core.pluginstorage;

import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.plenum.api.PluginId;
import org.plenum.api.storage.PluginStorage;

/**
 * One plugin's schema as the host hands it to the plugin ({@code PluginContext.storage()}): a
 * small connection pool that logs in as the plugin's own role, migrated before it is handed out.
 * The host closes it when the plugin stops or is unloaded; closing does not touch the data.
 */
public final class PluginDatabase implements PluginStorage, AutoCloseable {

    private final PluginId plugin;
    private final String schema;
    private final String role;
    private final HikariDataSource pool;
    private final MigrationOutcome migrations;
    private final Consumer<PluginDatabase> onClose;
    private volatile boolean closed;

    PluginDatabase(PluginId plugin, String schema, String role, HikariDataSource pool, MigrationOutcome migrations,
                   Consumer<PluginDatabase> onClose) {
        this.plugin = plugin;
        this.schema = schema;
        this.role = role;
        this.pool = pool;
        this.migrations = migrations;
        this.onClose = onClose;
    }

    /** The plugin. */
    public PluginId plugin() {
        return plugin;
    }

    @Override
    public String schemaName() {
        return schema;
    }

    /** The PostgreSQL role its connections log in as. */
    public String roleName() {
        return role;
    }

    /** What the migrations did when this was opened. */
    public MigrationOutcome migrations() {
        return migrations;
    }

    @Override
    public DataSource dataSource() {
        if (closed) {
            throw new IllegalStateException("the storage of plugin " + plugin + " is closed (the plugin was stopped)");
        }
        return pool;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the pool: connections in use are closed as they are returned. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.close();
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "PluginDatabase[" + plugin + ", schema " + schema + ", role " + role + (closed ? ", closed" : "") + "]";
    }
}
