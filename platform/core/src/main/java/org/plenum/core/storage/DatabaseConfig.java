package org.plenum.core.storage;

import java.nio.file.Path;
import org.plenum.core.config.Settings;

/**
 * Where the data lives. Without {@code db.url} the server starts an embedded PostgreSQL whose files
 * stay in {@code <data.dir>/postgres} across restarts; with it, the server connects to that database.
 */
public record DatabaseConfig(String url, String user, String password, Path dataDir, int embeddedPort, int poolSize) {

    public static DatabaseConfig from(Settings s) {
        return new DatabaseConfig(
                s.get("db.url", ""),
                s.get("db.user", "postgres"),
                s.get("db.password", ""),
                Path.of(s.get("data.dir", "data")),
                s.getInt("db.embedded.port", 0),
                s.getInt("db.pool.size", 10));
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
