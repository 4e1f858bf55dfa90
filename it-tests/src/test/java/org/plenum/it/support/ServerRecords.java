package org.plenum.it.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server under test has written down: its log and every row of its embedded PostgreSQL, for tests that must
 * show something is recorded nowhere (a secret vote's choices next to a person, V10). The database is read as the
 * embedded server's superuser on the port {@link TestRun} gave it ({@code db.embedded.port}).
 */
public final class ServerRecords {

    /** The embedded PostgreSQL's port for this run, fixed so that tests can read what the server stored. */
    static final int DATABASE_PORT = FreePort.pick();

    private ServerRecords() {
    }

    /** The server's log of this run ({@code TestRun} starts the distribution in {@code target/plenum-e2e}). */
    public static List<String> serverLog() {
        Path log = Path.of(System.getProperty("plenum.it.target", "target")).toAbsolutePath().resolve("plenum-e2e/plenum.log");
        try {
            return Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the server log " + log, e);
        }
    }

    /** Every row of every table in every schema (the plugins' too), each as {@code "schema"."table" <row as JSON>}. */
    public static List<String> everyDatabaseRow() {
        String url = "jdbc:postgresql://127.0.0.1:" + DATABASE_PORT + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_schema, table_name from information_schema.tables"
                    + " where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add('"' + rs.getString(1) + "\".\"" + rs.getString(2) + '"');
                }
            }
            List<String> rows = new ArrayList<>();
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select row_to_json(x)::text from " + table + " x")) {
                    while (rs.next()) {
                        rows.add(table + " " + rs.getString(1));
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server's database at " + url + ": " + e.getMessage(), e);
        }
    }
}
