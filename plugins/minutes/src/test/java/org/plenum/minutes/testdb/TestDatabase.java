package org.plenum.minutes.testdb;

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
 * A real PostgreSQL for the plugin's storage (zonky's embedded binaries; or {@code PLENUM_TEST_JDBC_URL}), started once
 * per test JVM. Each call to {@link #freshSchema()} gives a new schema migrated with the jar's own migrations, as the host
 * does for {@code plugin_minutes}.
 */
public final class TestDatabase {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    /** A new, migrated schema, and a data source whose connections use it. */
    public static synchronized DataSource freshSchema() {
        String schema = "plugin_minutes_t" + SCHEMAS.incrementAndGet() + "_" + ProcessHandle.current().pid();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        String external = System.getenv("PLENUM_TEST_JDBC_URL");
        if (external != null) {
            ds.setUrl(external);
        } else {
            ds.setUrl(server().getJdbcUrl("postgres", "postgres"));
        }
        ds.setCurrentSchema(schema);
        Flyway.configure().dataSource(ds).schemas(schema).locations("classpath:db/minutes").load().migrate();
        return ds;
    }

    /** Runs SQL as the database owner, for tests that tamper with stored rows. */
    public static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
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
}
