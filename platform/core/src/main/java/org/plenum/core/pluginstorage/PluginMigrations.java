package org.plenum.core.pluginstorage;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.logging.LogFactory;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.plenum.api.PluginId;
import org.plenum.api.storage.SchemaMigrations;
import org.plenum.core.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plugin's Flyway migrations against its schema, over the plugin's own connections (so
 * everything it creates is owned by the plugin's role), with history in that schema's
 * {@code flyway_schema_history}.
 *
 * <ol>
 *   <li>Flyway scans {@code classpath:<location>} through the plugin's class loader.</li>
 *   <li>If that finds nothing (or fails, as it does for OSGi bundle URLs) and the jar file is known,
 *       the migrations are listed from the jar itself ({@link JarMigrations}).</li>
 *   <li>Finding none at all is an error: the descriptor declared migrations.</li>
 * </ol>
 * SQL only: Java migrations are never loaded (they would run arbitrary code at install time).
 */
final class PluginMigrations {

    private static final Logger log = LoggerFactory.getLogger(PluginMigrations.class);
    private static final ClassProvider<JavaMigration> NO_JAVA_MIGRATIONS = List::of;

    private PluginMigrations() {
    }

    static MigrationOutcome run(PluginId plugin, DataSource pluginConnections, String schema, SchemaMigrations migrations,
                                ClassLoader loader, Path jar) {
        try {
            return resolveAndMigrate(plugin, pluginConnections, schema, migrations, loader, jar);
        } finally {
            // Flyway keeps the last configuration in a static field (LogFactory), and with it the
            // plugin's class loader and connection pool; replace it so an unloaded plugin is freed
            LogFactory.setConfiguration(new FluentConfiguration(PluginMigrations.class.getClassLoader()));
        }
    }

    private static MigrationOutcome resolveAndMigrate(PluginId plugin, DataSource pluginConnections, String schema,
                                                      SchemaMigrations migrations, ClassLoader loader, Path jar) {
        Flyway scanning = configure(pluginConnections, schema, loader).locations(migrations.flywayLocation()).load();
        RuntimeException scanFailure = null;
        long resolved;
        try {
            resolved = Arrays.stream(scanning.info().all()).filter(i -> i.getState().isResolved()).count();
        } catch (RuntimeException | LinkageError e) {
            // an OSGi bundle's resources may break Flyway's scanner outright; the jar fallback decides
            scanFailure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
            resolved = 0;
        }
        if (resolved > 0) {
            return migrate(plugin, scanning, MigrationSource.CLASS_LOADER);
        }
        if (jar != null) {
            JarMigrations fromJar = JarMigrations.read(jar, migrations.location());
            if (!fromJar.isEmpty()) {
                log.atInfo().setMessage("plugin migrations read from the jar file, the class loader could not be scanned")
                        .addKeyValue("plugin", plugin).addKeyValue("location", migrations.location())
                        .addKeyValue("files", fromJar.names().size()).log();
                Flyway fromFile = configure(pluginConnections, schema, loader).resourceProvider(fromJar).load();
                return migrate(plugin, fromFile, MigrationSource.JAR_FILE);
            }
        }
        throw new StorageException("plugin " + plugin + " declares migrations in " + migrations.location() + " but none were found"
                + " through its class loader" + (jar == null ? "" : " nor in " + jar)
                + (scanFailure == null ? "" : " (scanning failed: " + scanFailure.getMessage() + ")")
                + "; migrations are files like " + migrations.location() + "/V1__create_tables.sql", scanFailure);
    }

    private static FluentConfiguration configure(DataSource pluginConnections, String schema, ClassLoader loader) {
        return Flyway.configure(loader)
                .dataSource(pluginConnections)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(false)
                .table("flyway_schema_history")
                .javaMigrationClassProvider(NO_JAVA_MIGRATIONS)
                .validateMigrationNaming(true)
                .failOnMissingLocations(false);
    }

    private static MigrationOutcome migrate(PluginId plugin, Flyway flyway, MigrationSource source) {
        try {
            MigrateResult result = flyway.migrate();
            Optional<String> version = Optional.ofNullable(flyway.info().current()).map(MigrationInfo::getVersion).map(Object::toString);
            if (result.migrationsExecuted > 0) {
                log.atInfo().setMessage("plugin schema migrated").addKeyValue("plugin", plugin)
                        .addKeyValue("applied", result.migrationsExecuted).addKeyValue("version", version.orElse("-"))
                        .addKeyValue("source", source).log();
            }
            return new MigrationOutcome(source, result.migrationsExecuted, version);
        } catch (FlywayException e) {
            throw new StorageException("the migrations of plugin " + plugin + " failed: " + e.getMessage(), e);
        }
    }
}
