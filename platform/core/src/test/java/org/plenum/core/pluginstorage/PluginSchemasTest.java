package org.plenum.core.pluginstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.api.PluginId;
import org.plenum.api.storage.SchemaMigrations;
import org.plenum.core.storage.Database;
import org.plenum.core.storage.DatabaseConfig;
import org.plenum.core.storage.Jdbc;
import org.plenum.core.storage.StorageException;

/**
 * Plugins' schemas on a real PostgreSQL: migrations from a jar through the plugin's own class
 * loader (and from the jar file when the loader cannot be scanned), isolation by role, restarts,
 * and dropping data only when asked.
 */
class PluginSchemasTest {

    @TempDir
    static Path dataDir;
    @TempDir
    Path jars;

    static Database database;
    PluginSchemas schemas;

    static final SchemaMigrations VOTING_MIGRATIONS = new SchemaMigrations("db/voting");
    static final Map<String, String> VOTING_V1_V2 = migrations(
            "db/voting/V1__ballots.sql", """
                    create table ballot (
                        id        bigint generated always as identity primary key,
                        tenant_id uuid not null,
                        receipt   text not null unique
                    );""",
            "db/voting/V2__receipts.sql", "create index ballot_tenant on ballot (tenant_id);");

    @BeforeAll
    static void startDatabase() {
        database = Database.start(new DatabaseConfig("", "postgres", "", dataDir, 0, 6));
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void start() {
        schemas = new PluginSchemas(database.dataSource(), database.jdbcUrl(), new PluginStorageConfig(3, ""));
    }

    @AfterEach
    void stop() {
        schemas.close();
    }

    @Test
    void migrationsInAPluginJarRunThroughItsOwnClassLoaderAsItsOwnRole() throws Exception {
        PluginId id = PluginId.of("voting-a");
        Path jar = jar("voting-a-1.0.0.jar", VOTING_V1_V2);
        try (URLClassLoader loader = pluginLoader(jar); PluginDatabase db = schemas.open(id, VOTING_MIGRATIONS, loader)) {
            assertThat(db.schemaName()).isEqualTo("plugin_voting_a").isEqualTo(id.schemaName());
            assertThat(db.roleName()).isEqualTo("plugin_voting_a");
            assertThat(db.migrations()).isEqualTo(new MigrationOutcome(MigrationSource.CLASS_LOADER, 2, java.util.Optional.of("2")));

            // unqualified names land in the plugin's schema
            update(db.dataSource(), "insert into ballot (tenant_id, receipt) values (gen_random_uuid(), 'r-1')");
            assertThat(query(db.dataSource(), "select receipt from ballot")).containsExactly("r-1");
            assertThat(query(database.dataSource(), "select tableowner from pg_tables where schemaname = 'plugin_voting_a' and tablename = 'ballot'"))
                    .containsExactly("plugin_voting_a");
            assertThat(query(database.dataSource(), "select nspname from pg_namespace n join pg_roles r on r.oid = n.nspowner"
                    + " where r.rolname = 'plugin_voting_a'")).containsExactly("plugin_voting_a");
            assertThat(query(db.dataSource(), "select current_user || ' ' || current_schema()")).containsExactly("plugin_voting_a plugin_voting_a");
        }
        // the test's own class path does not have db/voting: the plugin's loader was used
        assertThat(getClass().getClassLoader().getResource("db/voting/V1__ballots.sql")).isNull();
    }

    @Test
    void aPluginCannotReadTheCoresTablesNorAnotherPlugins() throws Exception {
        Path jarA = jar("iso-a.jar", migrations("db/a/V1__t.sql", "create table secret_a (v text); insert into secret_a values ('a');"));
        Path jarB = jar("iso-b.jar", migrations("db/b/V1__t.sql", "create table secret_b (v text); insert into secret_b values ('b');"));
        try (URLClassLoader la = pluginLoader(jarA); URLClassLoader lb = pluginLoader(jarB);
             PluginDatabase a = schemas.open(PluginId.of("iso-a"), new SchemaMigrations("db/a"), la);
             PluginDatabase b = schemas.open(PluginId.of("iso-b"), new SchemaMigrations("db/b"), lb)) {
            assertThat(query(a.dataSource(), "select v from secret_a")).containsExactly("a");
            assertThat(query(b.dataSource(), "select v from secret_b")).containsExactly("b");

            assertRefused(a.dataSource(), "select * from plugin_iso_b.secret_b", "permission denied for schema plugin_iso_b");
            assertRefused(b.dataSource(), "select * from plugin_iso_a.secret_a", "permission denied for schema plugin_iso_a");
            assertRefused(a.dataSource(), "select * from plenum.app_user", "permission denied for schema plenum");
            assertRefused(a.dataSource(), "select * from plenum.plugin_schema", "permission denied for schema plenum");
            assertRefused(a.dataSource(), "insert into plenum.audit_entry (chain_id) values (1)", "permission denied for schema plenum");
            assertRefused(a.dataSource(), "create table public.sneaky (v text)", "permission denied for schema public");
            assertRefused(a.dataSource(), "create schema elsewhere", "permission denied for database");
            assertRefused(a.dataSource(), "set role postgres", "permission denied to set role");
            assertRefused(a.dataSource(), "set role plugin_iso_b", "permission denied to set role");
            assertRefused(a.dataSource(), "alter role plugin_iso_a superuser", "must be superuser");
            assertRefused(a.dataSource(), "set session authorization postgres", "permission denied");
            // nor does a search_path change: schemas without USAGE are skipped
            assertRefused(a.dataSource(), "set search_path = plenum; select * from app_user", "relation \"app_user\" does not exist");
        }
    }

    @Test
    void reopeningAfterARestartAppliesNothingTwiceAndANewVersionOnlyItsNewMigrations() throws Exception {
        PluginId id = PluginId.of("voting-b");
        Path v1 = jar("voting-b-1.0.0.jar", VOTING_V1_V2);
        try (URLClassLoader loader = pluginLoader(v1); PluginDatabase db = schemas.open(id, VOTING_MIGRATIONS, loader)) {
            assertThat(db.migrations().applied()).isEqualTo(2);
            update(db.dataSource(), "insert into ballot (tenant_id, receipt) values (gen_random_uuid(), 'kept')");
        }
        schemas.close();
        schemas = new PluginSchemas(database.dataSource(), database.jdbcUrl(), PluginStorageConfig.defaults());   // "restart"
        try (URLClassLoader loader = pluginLoader(v1); PluginDatabase db = schemas.open(id, VOTING_MIGRATIONS, loader)) {
            assertThat(db.migrations().applied()).isZero();
            assertThat(db.migrations().version()).contains("2");
            assertThat(query(db.dataSource(), "select receipt from ballot")).containsExactly("kept");
        }
        Map<String, String> v2Files = new LinkedHashMap<>(VOTING_V1_V2);
        v2Files.put("db/voting/V3__ballot_cast_at.sql", "alter table ballot add column cast_at timestamptz not null default now();");
        try (URLClassLoader loader = pluginLoader(jar("voting-b-1.1.0.jar", v2Files)); PluginDatabase db = schemas.open(id, VOTING_MIGRATIONS, loader)) {
            assertThat(db.migrations().applied()).isEqualTo(1);
            assertThat(db.migrations().version()).contains("3");
            assertThat(query(db.dataSource(), "select receipt from ballot where cast_at is not null")).containsExactly("kept");
        }
        assertThat(query(database.dataSource(), "select count(*) from plugin_voting_b.flyway_schema_history where success")).containsExactly("3");
    }

    @Test
    void whenTheClassLoaderCannotBeScannedTheJarFileIsRead() throws Exception {
        PluginId id = PluginId.of("voting-c");
        Path jar = jar("voting-c-1.0.0.jar", VOTING_V1_V2);
        try (URLClassLoader bundleLike = new BundleLikeLoader(jar)) {
            assertThatThrownBy(() -> schemas.open(id, VOTING_MIGRATIONS, bundleLike))
                    .isInstanceOf(StorageException.class).hasMessageContaining("none were found").hasMessageContaining("db/voting");
            try (PluginDatabase db = schemas.open(id, VOTING_MIGRATIONS, bundleLike, jar)) {
                assertThat(db.migrations().source()).isEqualTo(MigrationSource.JAR_FILE);
                assertThat(db.migrations().applied()).isEqualTo(2);
                update(db.dataSource(), "insert into ballot (tenant_id, receipt) values (gen_random_uuid(), 'r')");
            }
        }
        // the same files found the normal way validate against what the jar path applied (same names and checksums)
        try (URLClassLoader loader = pluginLoader(jar); PluginDatabase db = schemas.open(id, VOTING_MIGRATIONS, loader, jar)) {
            assertThat(db.migrations()).isEqualTo(new MigrationOutcome(MigrationSource.CLASS_LOADER, 0, java.util.Optional.of("2")));
        }
    }

    @Test
    void jarMigrationsListOnlyTheLocationsSqlFiles() throws Exception {
        Map<String, String> files = new LinkedHashMap<>(VOTING_V1_V2);
        files.put("db/voting/nested/V5__later.sql", "select 1;");
        files.put("db/voting/README.txt", "not a migration");
        files.put("db/votingextra/V9__other.sql", "select 9;");
        files.put("db/other/V1__x.sql", "select 1;");
        JarMigrations read = JarMigrations.read(jar("listing.jar", files), "db/voting");
        assertThat(read.names()).containsExactly("V1__ballots.sql", "V2__receipts.sql", "nested/V5__later.sql");
        assertThat(read.getResources("V", new String[] {".sql"})).extracting(r -> r.getFilename())
                .containsExactlyInAnyOrder("V1__ballots.sql", "V2__receipts.sql", "V5__later.sql");
        assertThat(read.getResource("V1__ballots.sql").getAbsolutePath()).isEqualTo("db/voting/V1__ballots.sql");
        assertThat(read.getResource("missing.sql")).isNull();
    }

    @Test
    void aBrokenMigrationFailsTheOpenAndLeavesNoPoolBehind() throws Exception {
        Path jar = jar("broken.jar", migrations("db/broken/V1__bad.sql", "create tabel oops (v text);"));
        try (URLClassLoader loader = pluginLoader(jar)) {
            assertThatThrownBy(() -> schemas.open(PluginId.of("broken"), new SchemaMigrations("db/broken"), loader))
                    .isInstanceOf(StorageException.class).hasMessageContaining("migrations of plugin broken failed");
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!query(database.dataSource(), "select count(*) from pg_stat_activity where usename = 'plugin_broken'").equals(List.of("0"))
               && System.nanoTime() < deadline) {
            Thread.sleep(50); // the pause between two probes of pg_stat_activity, bounded by the deadline above
        }
        assertThat(query(database.dataSource(), "select count(*) from pg_stat_activity where usename = 'plugin_broken'")).containsExactly("0");
    }

    @Test
    void misnamedMigrationsAreRefusedRatherThanSkipped() throws Exception {
        Path jar = jar("misnamed.jar", migrations("db/misnamed/V1_single_underscore.sql", "select 1;"));
        try (URLClassLoader loader = pluginLoader(jar)) {
            assertThatThrownBy(() -> schemas.open(PluginId.of("misnamed"), new SchemaMigrations("db/misnamed"), loader))
                    .isInstanceOf(StorageException.class).hasMessageContaining("V1_single_underscore.sql");
        }
    }

    @Test
    void dataIsDroppedOnlyByTheExplicitAdminAction() throws Exception {
        PluginId id = PluginId.of("voting-d");
        Path jar = jar("voting-d.jar", VOTING_V1_V2);
        try (URLClassLoader loader = pluginLoader(jar)) {
            PluginDatabase db = schemas.open(id, VOTING_MIGRATIONS, loader);
            update(db.dataSource(), "insert into ballot (tenant_id, receipt) values (gen_random_uuid(), 'precious')");
            assertThatThrownBy(() -> schemas.dropSchema(id)).isInstanceOf(IllegalStateException.class).hasMessageContaining("still open");
            db.close();
            assertThatThrownBy(db::dataSource).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThat(schemas.exists(id)).as("closing keeps the data").isTrue();
            assertThat(schemas.installed()).contains(id);

            assertThat(schemas.dropSchema(id)).isTrue();
            assertThat(schemas.exists(id)).isFalse();
            assertThat(schemas.installed()).doesNotContain(id);
            assertThat(query(database.dataSource(), "select count(*) from pg_roles where rolname = 'plugin_voting_d'")).containsExactly("0");
            assertThat(schemas.dropSchema(id)).isFalse();

            try (PluginDatabase again = schemas.open(id, VOTING_MIGRATIONS, loader)) {
                assertThat(again.migrations().applied()).isEqualTo(2);
                assertThat(query(again.dataSource(), "select count(*) from ballot")).containsExactly("0");
            }
        }
    }

    @Test
    void closingTheServiceClosesEveryPool() throws Exception {
        try (URLClassLoader loader = pluginLoader(jar("voting-e.jar", VOTING_V1_V2))) {
            PluginDatabase first = schemas.open(PluginId.of("voting-e"), VOTING_MIGRATIONS, loader);
            PluginDatabase second = schemas.open(PluginId.of("voting-e"), VOTING_MIGRATIONS, loader);
            schemas.close();
            assertThat(first.isClosed()).isTrue();
            assertThat(second.isClosed()).isTrue();
            assertThatThrownBy(() -> schemas.open(PluginId.of("voting-e"), VOTING_MIGRATIONS, loader)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void twoNodesOpeningANewPluginAtOnceCreateItOnce() throws Exception {
        PluginId id = PluginId.of("voting-f");
        Path jar = jar("voting-f.jar", VOTING_V1_V2);
        PluginSchemas otherNode = new PluginSchemas(database.dataSource(), database.jdbcUrl(), PluginStorageConfig.defaults());
        try (URLClassLoader l1 = pluginLoader(jar); URLClassLoader l2 = pluginLoader(jar)) {
            java.util.concurrent.CompletableFuture<PluginDatabase> first = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> schemas.open(id, VOTING_MIGRATIONS, l1));
            java.util.concurrent.CompletableFuture<PluginDatabase> second = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> otherNode.open(id, VOTING_MIGRATIONS, l2));
            try (PluginDatabase a = first.get(); PluginDatabase b = second.get()) {
                assertThat(a.migrations().applied() + b.migrations().applied()).isEqualTo(2);
                update(a.dataSource(), "insert into ballot (tenant_id, receipt) values (gen_random_uuid(), 'from-a')");
                assertThat(query(b.dataSource(), "select receipt from ballot")).containsExactly("from-a");
            }
        } finally {
            otherNode.close();
        }
    }

    @Test
    void aClosedPluginDatabaseLetsThePluginsClassLoaderGo() throws Exception {
        java.lang.ref.WeakReference<ClassLoader> loader = openUseAndClose(jar("voting-g.jar", VOTING_V1_V2));
        for (int i = 0; i < 100 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20); // lets the collector run between two System.gc() requests, at most 100 times
        }
        assertThat(loader.get()).as("the plugin's class loader is still reachable after its storage was closed").isNull();
    }

    /** As the host does it: the plugin's loader is the context class loader while its storage is opened. */
    private java.lang.ref.WeakReference<ClassLoader> openUseAndClose(Path jar) throws Exception {
        URLClassLoader loader = pluginLoader(jar);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try (PluginDatabase db = schemas.open(PluginId.of("voting-g"), VOTING_MIGRATIONS, loader, jar)) {
            update(db.dataSource(), "insert into ballot (tenant_id, receipt) values (gen_random_uuid(), 'r')");
        } finally {
            thread.setContextClassLoader(previous);
            loader.close();
        }
        return new java.lang.ref.WeakReference<>(loader);
    }

    @Test
    void credentialsInTheServersUrlNeverReachPluginConnections() {
        assertThat(PluginSchemas.withoutCredentials("jdbc:postgresql://localhost:5432/postgres?user=postgres"))
                .isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(PluginSchemas.withoutCredentials("jdbc:postgresql://db/plenum?ssl=true&user=app&password=secret&sslmode=verify-full"))
                .isEqualTo("jdbc:postgresql://db/plenum?ssl=true&sslmode=verify-full");
        assertThat(PluginSchemas.withoutCredentials("jdbc:postgresql://db/plenum")).isEqualTo("jdbc:postgresql://db/plenum");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static Map<String, String> migrations(String... pathsAndSql) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndSql.length; i += 2) {
            files.put(pathsAndSql[i], pathsAndSql[i + 1]);
        }
        return files;
    }

    /** A plain jar, as a PF4J plugin is, with directory entries as jar tools write them. */
    private Path jar(String name, Map<String, String> files) throws IOException {
        Path jar = jars.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out)) {
            java.util.Set<String> dirs = new java.util.TreeSet<>();
            for (String path : files.keySet()) {
                for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
                    dirs.add(path.substring(0, i + 1));
                }
            }
            for (String dir : dirs) {
                jos.putNextEntry(new JarEntry(dir));
                jos.closeEntry();
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                jos.putNextEntry(new JarEntry(file.getKey()));
                jos.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
        }
        return jar;
    }

    /** A loader that sees only the plugin's jar (and the JDK), like a plugin's own class loader. */
    private static URLClassLoader pluginLoader(Path jar) throws IOException {
        return new URLClassLoader("plugin", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    /**
     * Like an OSGi bundle's loader: resources load one by one, but directories come back as
     * {@code bundle://} URLs that nothing outside the framework can list.
     */
    private static final class BundleLikeLoader extends URLClassLoader {
        BundleLikeLoader(Path jar) throws IOException {
            super("bundle-like", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            URLStreamHandler unreadable = new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) throws IOException {
                    throw new IOException("bundle resources are only readable inside the framework");
                }
            };
            URL bundleUrl = URL.of(URI.create("bundle://42.0:1/" + name), unreadable);
            return Collections.enumeration(List.of(bundleUrl));
        }
    }

    private static void update(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> query(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private static void assertRefused(DataSource ds, String sql, String message) {
        assertThatThrownBy(() -> update(ds, sql)).as(sql).isInstanceOf(SQLException.class).hasMessageContaining(message);
    }
}
