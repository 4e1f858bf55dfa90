package org.plenum.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL the server uses: started embedded (default) or reached at a configured URL,
 * pooled by HikariCP and migrated by Flyway before anything else touches it.
 */
public final class Database implements AutoCloseable {

    /** Core tables live in their own schema; plugins get {@code plugin_<id>} schemas later. */
    public static final String CORE_SCHEMA = "plenum";

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    public static Database start(DatabaseConfig config) {
        EmbeddedPostgres embedded = null;
        String url = config.url();
        String user = config.user();
        String password = config.password();
        if (config.embedded()) {
            embedded = startEmbedded(config);
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(config.poolSize());
        hc.setPoolName("plenum-db");
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(30_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw new StorageException("cannot connect to PostgreSQL at " + redact(url) + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .schemas(CORE_SCHEMA)
                    .locations("classpath:db/core")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            closeQuietly(embedded);
            throw new StorageException("database migration failed: " + e.getMessage(), e);
        }
        log.atInfo().setMessage("database ready").addKeyValue("mode", config.embedded() ? "embedded" : "external")
                .addKeyValue("url", redact(url)).log();
        return new Database(embedded, pool);
    }

    private static EmbeddedPostgres startEmbedded(DatabaseConfig config) {
        Path dir = config.dataDir().toAbsolutePath().resolve("postgres");
        try {
            Files.createDirectories(dir.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100");
            if (config.embeddedPort() > 0) {
                builder.setPort(config.embeddedPort());
            }
            return builder.start();
        } catch (IOException e) {
            throw new StorageException("cannot start embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The JDBC URL the pool connects to (it may carry the user as a parameter; never log it unredacted). */
    public String jdbcUrl() {
        return pool.getJdbcUrl();
    }

    /** True when a connection can be taken and answers within two seconds. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** JDBC URL of the embedded server, for tests that connect to it as an external database. */
    public String embeddedJdbcUrl() {
        return embedded == null ? null : embedded.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    /** JDBC URLs may carry passwords as parameters; never log them. */
    static String redact(String url) {
        return url == null ? "" : url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
