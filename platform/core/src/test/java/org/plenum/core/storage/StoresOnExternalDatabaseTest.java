package org.plenum.core.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Production mode: the server connects to a PostgreSQL it did not start. That is the server named by
 * {@code PLENUM_TEST_JDBC_URL} (with {@code PLENUM_TEST_JDBC_USER}/{@code _PASSWORD}) when set, otherwise
 * a separate PostgreSQL process started here and reached only through its JDBC URL.
 */
class StoresOnExternalDatabaseTest extends StoreContract {

    static EmbeddedPostgres separateServer;
    static String url;
    static String user;
    static String password;

    @BeforeAll
    static void startSeparateServer() throws IOException {
        url = System.getenv("PLENUM_TEST_JDBC_URL");
        user = System.getenv().getOrDefault("PLENUM_TEST_JDBC_USER", "postgres");
        password = System.getenv().getOrDefault("PLENUM_TEST_JDBC_PASSWORD", "");
        if (url == null || url.isBlank()) {
            separateServer = EmbeddedPostgres.builder().start();
            url = "jdbc:postgresql://127.0.0.1:" + separateServer.getPort() + "/postgres";
            user = "postgres";
            password = "";
        }
    }

    @AfterAll
    static void stopSeparateServer() throws IOException {
        if (separateServer != null) {
            separateServer.close();
        }
    }

    @Override
    Map<String, String> databaseSettings() {
        return Map.of("db.url", url, "db.user", user, "db.password", password, "data.dir", "target/unused-data-dir");
    }
}
