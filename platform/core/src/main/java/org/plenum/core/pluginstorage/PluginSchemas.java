package org.plenum.core.pluginstorage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.plenum.api.PluginId;
import org.plenum.api.storage.SchemaMigrations;
import org.plenum.core.security.SecureTokens;
import org.plenum.core.storage.Jdbc;
import org.plenum.core.storage.StorageException;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugins' own PostgreSQL schemas. For a plugin {@code voting}:
 * <ul>
 *   <li>a login role {@code plugin_voting} (no superuser, no role or database creation, no
 *       inheritance) with a random password kept in {@code plenum.plugin_schema}, and the schema
 *       {@code plugin_voting} owned by it; the role's {@code search_path} is that schema;</li>
 *   <li>the role has no rights on {@code plenum} or on other plugins' schemas, so plugin code
 *       cannot read the core's tables or another plugin's, whatever SQL it sends;</li>
 *   <li>{@link #open} migrates the schema with Flyway as that role and hands out a small pool of
 *       its connections ({@link PluginDatabase}), which the host closes when the plugin stops.</li>
 * </ul>
 * Removing a plugin keeps its data. {@link #dropSchema} deletes it, as a separate admin action.
 *
 * <p>The application's own database role needs {@code CREATEROLE} (or superuser, as in the
 * embedded default) to create the plugin roles; without it {@link #open} says so. The
 * application role becomes a member of each plugin role, which it needs to create a schema owned
 * by the role and to drop it later.
 */
public final class PluginSchemas implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginSchemas.class);
    /** Serialises creating and dropping plugin roles and schemas across nodes. */
    private static final long SETUP_LOCK = 0x706c7567696e5fL; // "plugin_"

    private final Jdbc admin;
    private final String jdbcUrl;
    private final PluginStorageConfig config;
    private final Set<PluginDatabase> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean publicSchemaChecked;

    /**
     * @param adminDataSource the core's connections (the application role)
     * @param jdbcUrl         the database's JDBC URL; user and password parameters in it are ignored,
     *                        plugin connections log in as the plugin's role
     */
    public PluginSchemas(DataSource adminDataSource, String jdbcUrl, PluginStorageConfig config) {
        this.admin = new Jdbc(Objects.requireNonNull(adminDataSource, "adminDataSource"));
        this.jdbcUrl = withoutCredentials(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        this.config = Objects.requireNonNull(config, "config");
    }

    /** {@link #open(PluginId, SchemaMigrations, ClassLoader, Path)} without a jar file to fall back on. */
    public PluginDatabase open(PluginId plugin, SchemaMigrations migrations, ClassLoader loader) {
        return open(plugin, migrations, loader, null);
    }

    /**
     * Creates the plugin's role and schema if they do not exist yet, runs its migrations (those not
     * applied yet) and returns a pool of connections as its role. Several handles may be open at
     * once (the old and the new version during an update), each with its own pool. Blocking.
     *
     * @param plugin     the plugin
     * @param migrations where its migrations are, from its descriptor
     * @param loader     the plugin's class loader, through which Flyway finds the migrations
     * @param jar        the plugin's jar file, read directly if the class loader cannot be scanned
     *                   (OSGi bundles); may be null
     * @throws StorageException if the role or schema cannot be created or a migration fails
     */
    public PluginDatabase open(PluginId plugin, SchemaMigrations migrations, ClassLoader loader, Path jar) {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(loader, "loader");
        if (closed) {
            throw new IllegalStateException("plugin storage is shut down");
        }
        // the pool's threads (and the driver's) inherit the context class loader; a plugin's
        // loader there would outlive the plugin, so they get the core's
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PluginSchemas.class.getClassLoader());
        try {
            restrictPublicSchema();
            String schema = plugin.schemaName();
            String role = roleName(plugin);
            String password = ensureRoleAndSchema(plugin, schema, role);
            HikariDataSource pool = pool(plugin, schema, role, password);
            try {
                checkIdentity(pool, schema, role);
                MigrationOutcome outcome = PluginMigrations.run(plugin, pool, schema, migrations, loader, jar);
                PluginDatabase db = new PluginDatabase(plugin, schema, role, pool, outcome, open::remove);
                open.add(db);
                return db;
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The role name of a plugin: the configured prefix and its schema name. */
    public String roleName(PluginId plugin) {
        return config.rolePrefix() + plugin.schemaName();
    }

    /** Whether the plugin has a schema (it was installed and not dropped). Blocking. */
    public boolean exists(PluginId plugin) {
        return admin.one("select 1 from pg_namespace where nspname = ?", rs -> true, plugin.schemaName()).isPresent();
    }

    /** The plugins that have storage, by id. Blocking. */
    public List<PluginId> installed() {
        return admin.list("select plugin_id from plenum.plugin_schema order by plugin_id", rs -> PluginId.of(rs.getString(1)));
    }

    /**
     * <strong>Deletes all of the plugin's data</strong>: drops its schema with everything in it and
     * its role. An explicit admin action, never part of uninstalling; refused while this node has
     * the plugin's storage open. Other nodes must have unloaded the plugin too (their open
     * connections would keep working on a dropped schema until they fail). Blocking.
     *
     * @return whether there was anything to drop
     */
    public boolean dropSchema(PluginId plugin) {
        Objects.requireNonNull(plugin, "plugin");
        List<PluginDatabase> inUse = open.stream().filter(db -> db.plugin().equals(plugin)).toList();
        if (!inUse.isEmpty()) {
            throw new IllegalStateException("the storage of plugin " + plugin + " is still open; stop the plugin before dropping its data");
        }
        String schema = plugin.schemaName();
        String role = roleName(plugin);
        boolean dropped = admin.inTransaction(c -> {
            Jdbc.list(c, "select pg_advisory_xact_lock(?)", rs -> null, SETUP_LOCK);
            boolean schemaExists = !Jdbc.list(c, "select 1 from pg_namespace where nspname = ?", rs -> 1, schema).isEmpty();
            boolean roleExists = !Jdbc.list(c, "select 1 from pg_roles where rolname = ?", rs -> 1, role).isEmpty();
            if (schemaExists) {
                Jdbc.update(c, "drop schema " + quote(schema) + " cascade");
            }
            if (roleExists) {
                Jdbc.update(c, "drop owned by " + quote(role));
                Jdbc.update(c, "drop role " + quote(role));
            }
            int rows = Jdbc.update(c, "delete from plenum.plugin_schema where plugin_id = ?", plugin.value());
            return schemaExists || roleExists || rows > 0;
        });
        if (dropped) {
            log.atWarn().setMessage("plugin data dropped").addKeyValue("plugin", plugin).addKeyValue("schema", schema)
                    .addKeyValue("role", role).log();
        }
        return dropped;
    }

    /** Closes every open plugin pool (the data stays). */
    @Override
    public void close() {
        closed = true;
        for (PluginDatabase db : List.copyOf(open)) {
            db.close();
        }
    }

    /** Creates what is missing; returns the role's password. */
    private String ensureRoleAndSchema(PluginId plugin, String schema, String role) {
        try {
            return admin.inTransaction(c -> {
                Jdbc.list(c, "select pg_advisory_xact_lock(?)", rs -> null, SETUP_LOCK);
                Optional<String> stored = Jdbc.list(c, "select role_password from plenum.plugin_schema where plugin_id = ?",
                        rs -> rs.getString(1), plugin.value()).stream().findFirst();
                boolean roleExists = !Jdbc.list(c, "select 1 from pg_roles where rolname = ?", rs -> 1, role).isEmpty();
                if (!roleExists) {
                    Jdbc.update(c, "create role " + quote(role)
                            + " login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls");
                    // lets a non-superuser application role create the schema owned by the plugin role, and drop it later
                    Jdbc.update(c, "grant " + quote(role) + " to current_user");
                }
                String password = stored.orElseGet(() -> SecureTokens.urlSafe(24));
                if (!roleExists || stored.isEmpty()) {
                    // hashed on this side (SCRAM), so the clear password never appears in the server's statement log
                    c.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
                }
                Jdbc.update(c, "alter role " + quote(role) + " set search_path = " + quote(schema));
                Optional<String> owner = Jdbc.list(c, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = ?",
                        rs -> rs.getString(1), schema).stream().findFirst();
                if (owner.isEmpty()) {
                    Jdbc.update(c, "create schema " + quote(schema) + " authorization " + quote(role));
                } else if (!owner.get().equals(role)) {
                    throw new StorageException("schema " + schema + " exists but belongs to " + owner.get() + ", not to the plugin's role "
                            + role + "; a database administrator must resolve this (alter schema … owner to " + role + ")", null);
                }
                Jdbc.update(c, "insert into plenum.plugin_schema (plugin_id, schema_name, role_name, role_password) values (?, ?, ?, ?)"
                        + " on conflict (plugin_id) do update set role_name = excluded.role_name, role_password = excluded.role_password",
                        plugin.value(), schema, role, password);
                if (!roleExists || owner.isEmpty()) {
                    log.atInfo().setMessage("plugin storage created").addKeyValue("plugin", plugin).addKeyValue("schema", schema)
                            .addKeyValue("role", role).log();
                }
                return password;
            });
        } catch (StorageException e) {
            if (e.getCause() instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                throw new StorageException("cannot create the database role or schema for plugin " + plugin + ": the application's "
                        + "database role needs the CREATEROLE privilege (alter role <app role> createrole): " + sql.getMessage(), sql);
            }
            throw e;
        }
    }

    private HikariDataSource pool(PluginId plugin, String schema, String role, String password) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(role);
        hc.setPassword(password);
        hc.setSchema(schema);
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(1);
        hc.setPoolName("plugin-" + plugin.value());
        hc.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StorageException("plugin " + plugin + " cannot connect as its database role " + role + " (check pg_hba.conf: the role "
                    + "logs in with a password over the same connection as the server): " + e.getMessage(), e);
        }
    }

    /** Fails closed if the pool is not what the plugin should get (e.g. a URL that forces another user). */
    private static void checkIdentity(DataSource pool, String schema, String role) {
        try (Connection c = pool.getConnection()) {
            List<String> who = Jdbc.list(c, "select current_user || ' ' || coalesce(current_schema(), '-')", rs -> rs.getString(1));
            if (!who.getFirst().equals(role + " " + schema)) {
                throw new StorageException("plugin connections should log in as " + role + " in schema " + schema + " but are "
                        + who.getFirst(), null);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot check the plugin's database connection: " + e.getMessage(), e);
        }
    }

    /**
     * Before PostgreSQL 15 every role may create tables in {@code public}; plugins must not. The core
     * uses only {@code plenum}, so the right is taken from PUBLIC when this role may do so, and a
     * warning says so when it may not.
     */
    private void restrictPublicSchema() {
        if (publicSchemaChecked) {
            return;
        }
        boolean publicMayCreate = admin.one("select has_schema_privilege('public', 'public', 'CREATE')", rs -> rs.getBoolean(1)).orElse(false);
        if (publicMayCreate) {
            boolean canRevoke = admin.one("select r.rolsuper or pg_has_role(current_user, n.nspowner, 'USAGE') from pg_roles r, pg_namespace n "
                    + "where r.rolname = current_user and n.nspname = 'public'", rs -> rs.getBoolean(1)).orElse(false);
            if (canRevoke) {
                admin.update("revoke create on schema public from public");
                log.info("revoked CREATE on schema public from PUBLIC, so plugin roles can create objects only in their own schema");
            } else {
                log.warn("every role may create tables in schema public (PostgreSQL before 15); plugin roles could put tables there. "
                        + "Ask the database administrator to run: revoke create on schema public from public");
            }
        }
        publicSchemaChecked = true;
    }

    /** Drops {@code user=} and {@code password=} parameters, which would override the plugin's role. */
    static String withoutCredentials(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        List<String> kept = new ArrayList<>();
        for (String param : url.substring(q + 1).split("&")) {
            String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
            if (!name.equalsIgnoreCase("user") && !name.equalsIgnoreCase("password") && !param.isEmpty()) {
                kept.add(param);
            }
        }
        return kept.isEmpty() ? url.substring(0, q) : url.substring(0, q) + "?" + String.join("&", kept);
    }

    /** Schema and role names come from {@link PluginId} (a-z, 0-9, _), so quoting is belt and braces. */
    private static String quote(String identifier) {
        if (!identifier.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("not a plugin schema or role name: " + identifier);
        }
        return '"' + identifier + '"';
    }
}
