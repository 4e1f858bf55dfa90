package org.plenum.voting;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for the plugin's tables: one embedded server per test JVM, a fresh schema per test with the
 * plugin's migrations applied by Flyway, as the host applies them to {@code plugin_voting}.
 */
final class TestDatabase {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM ends anyway
                }
            }));
        }
        return postgres;
    }

    /** A new schema with the plugin's tables; connections have it as their search path. */
    static DataSource freshSchema() {
        String schema = "plugin_voting_t" + SCHEMAS.incrementAndGet();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(postgres().getJdbcUrl("postgres", "postgres"));
        ds.setCurrentSchema(schema);
        Flyway.configure().dataSource(ds).schemas(schema).locations("classpath:db/voting").load().migrate();
        return ds;
    }

    /** Runs SQL as the database superuser (for tampering tests). */
    static void sql(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
