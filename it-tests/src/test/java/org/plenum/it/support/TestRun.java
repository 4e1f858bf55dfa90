package org.plenum.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real components of one test run, started once and shared by every end-to-end test class: Keycloak
 * with the test realms, and a Plenum server that trusts two of them, with the tenants erfurt and jena.
 * Test classes receive it as a constructor parameter through {@link Extension}.
 */
public final class TestRun implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "admin-password-for-e2e";
    /** Tokens of the test realms live 300 s; one is reused for a while, then fetched anew. */
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(200);

    public final Keycloak keycloak;
    public final ServerUnderTest server;
    public final Api api;
    public final String stateTenantId;
    public final String erfurtTenantId;
    public final String jenaTenantId;
    private final Map<Person, TimedToken> tokens = new ConcurrentHashMap<>();

    private record TimedToken(String token, Instant fetchedAt) {
    }

    private TestRun(Keycloak keycloak, ServerUnderTest server, Api api, String state, String erfurt, String jena) {
        this.keycloak = keycloak;
        this.server = server;
        this.api = api;
        this.stateTenantId = state;
        this.erfurtTenantId = erfurt;
        this.jenaTenantId = jena;
    }

    /** Resolves {@link TestRun} parameters with the one instance of this run, closed when the run ends. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestRun.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(TestRun.class, k -> TestRun.start(), TestRun.class);
        }
    }

    /** The settings the server under test gets: the realms erfurt (a municipality) and thueringen (the state) are trusted. */
    static Map<String, String> serverSettings(Keycloak keycloak) {
        return Map.ofEntries(
                Map.entry("admin.password", ADMIN_PASSWORD),
                Map.entry("tenant.root.slug", "state"),
                Map.entry("oidc.issuers", "erfurt,land"),
                Map.entry("oidc.issuer.erfurt.url", keycloak.issuer("erfurt")),
                Map.entry("oidc.issuer.erfurt.tenant", "erfurt"),
                Map.entry("oidc.issuer.land.url", keycloak.issuer("thueringen")),
                Map.entry("oidc.issuer.land.tenant", "state"),
                Map.entry("oidc.issuer.land.group.prefix", "/kommunen/"),
                // the default of 30 s would make the expiry test wait that much longer
                Map.entry("oidc.clock.skew", "1s"),
                // the trust store of the build's test CA, which signed the first-party plugins
                Map.entry("plugins.truststore", SignedPlugins.truststore().toString()),
                Map.entry("plugins.truststore.password", SignedPlugins.TRUSTSTORE_PASSWORD),
                // a known port, so that ServerRecords can read what the server stored
                Map.entry("db.embedded.port", Integer.toString(ServerRecords.DATABASE_PORT)));
    }

    static TestRun start() {
        Path target = Path.of(System.getProperty("plenum.it.target", "target")).toAbsolutePath();
        Instant begin = Instant.now();
        // Keycloak takes longest; Plenum starts meanwhile, as it fetches Keycloak's keys only on the first token
        Keycloak keycloak = Keycloak.start(Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak")), target.resolve("keycloak.log"));
        ServerUnderTest server = null;
        try {
            Path work = freshDirectory(target.resolve("plenum-e2e"));
            server = ServerUnderTest.start(serverSettings(keycloak), work);
            Duration plenumStartup = Duration.between(begin, Instant.now());
            Api api = new Api(server.url());
            String admin = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", ADMIN_PASSWORD)).text("access_token");
            String erfurt = createTenant(api, admin, "erfurt", "Landeshauptstadt Erfurt");
            String jena = createTenant(api, admin, "jena", "Stadt Jena");
            String state = api.get("/api/v1/me", admin).text("tenantId");
            keycloak.awaitReady();
            System.out.printf("e2e: Plenum (%s) ready after %d s, Keycloak after %d s%n",
                    System.getProperty("plenum.it.server", "distribution"), plenumStartup.toSeconds(), keycloak.startup().toSeconds());
            return new TestRun(keycloak, server, api, state, erfurt, jena);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            keycloak.close();
            throw e;
        }
    }

    /** An access token of {@code person} for Plenum, from Keycloak's password grant. */
    public String token(Person person) {
        TimedToken t = tokens.get(person);
        if (t == null || Instant.now().isAfter(t.fetchedAt().plus(TOKEN_REUSE))) {
            t = new TimedToken(keycloak.login(person.realm(), "plenum", person.username(), null).accessToken(), Instant.now());
            tokens.put(person, t);
        }
        return t.token();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            keycloak.close();
        }
    }

    private static String createTenant(Api api, String adminToken, String slug, String name) {
        Api.Reply r = api.post("/api/v1/tenants", adminToken, Map.of("slug", slug, "name", name));
        if (r.status() != 201) {
            throw new IllegalStateException("cannot create tenant " + slug + ": " + r);
        }
        return r.text("id");
    }

    private static Path freshDirectory(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
