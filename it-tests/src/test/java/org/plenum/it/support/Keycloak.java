package org.plenum.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak: the Quarkus distribution that the build unpacks into {@code target/keycloak}, started in
 * dev mode on a free loopback port with the realms of {@code src/test/resources/keycloak} imported.
 */
public final class Keycloak implements AutoCloseable {

    /** Every user of the test realms has this password. */
    public static final String PASSWORD = "plenum-e2e-password";
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final String[] REALM_FILES = {"erfurt-realm.json", "thueringen-realm.json", "elsewhere-realm.json"};
    private static final String FINGERPRINT = ".realms.sha256";

    private final LocalProcess process;
    private final int port;
    private final Instant startedAt;
    private final Runnable onReady;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Duration startup;

    private Keycloak(LocalProcess process, int port, Instant startedAt, Runnable onReady) {
        this.process = process;
        this.port = port;
        this.startedAt = startedAt;
        this.onReady = onReady;
    }

    /** The tokens of one password grant. */
    public record Tokens(String accessToken, String idToken, String refreshToken) {
    }

    /**
     * Starts Keycloak and returns at once; {@link #awaitReady()} waits for it. The embedded H2 database is
     * kept between runs while the realm files are unchanged, which spares the import (about 20 s here).
     */
    public static Keycloak start(Path home, Path log) {
        Path kcSh = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(kcSh)) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + "; run the build (./mvnw verify -pl it-tests -am),"
                    + " which unpacks org.keycloak:keycloak-quarkus-dist there");
        }
        Runnable onReady = prepareImport(home.resolve("data"));
        int port = FreePort.pick();
        ProcessBuilder pb = new ProcessBuilder("bash", kcSh.toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + FreePort.pick(), // off in dev mode, but never the shared default 9000
                "--import-realm")
                .directory(home.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        // JBoss threads resets thread locals through reflection; without this, Java 24+ logs errors at shutdown
        pb.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        pb.environment().keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("KEYCLOAK_"));
        return new Keycloak(LocalProcess.start("keycloak", pb, log), port, Instant.now(), onReady);
    }

    /** Waits until every realm publishes its discovery document; fails with Keycloak's log when it died or took too long. */
    public Keycloak awaitReady() {
        for (String realm : List.of("erfurt", "thueringen", "elsewhere")) {
            Await.until("Keycloak realm " + realm + " on port " + port + " (log: " + process.log() + ")", START_TIMEOUT, () -> {
                process.checkAlive();
                return isServing(realm) ? Optional.of(true) : Optional.empty();
            });
        }
        if (startup == null) {
            startup = Duration.between(startedAt, Instant.now());
            onReady.run();
        }
        return this;
    }

    public Duration startup() {
        return startup;
    }

    /** The issuer of a realm, exactly as its tokens name it. */
    public String issuer(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** Logs in with username and password (the password grant) through {@code client}. */
    public Tokens login(String realm, String client, String username, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", client);
        form.put("username", username);
        form.put("password", PASSWORD);
        if (scope != null) {
            form.put("scope", scope);
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = Api.parse(r.body());
            if (r.statusCode() != 200 || json == null) {
                throw new IllegalStateException("Keycloak refused the login of " + username + "@" + realm + " via " + client + ": "
                        + r.statusCode() + " " + r.body());
            }
            return new Tokens(json.path("access_token").asText(), json.path("id_token").asText(null), json.path("refresh_token").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }

    private boolean isServing(String realm) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(issuer(realm) + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(5)).build();
            return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Puts the realm files into {@code data/import} and drops the database unless it was filled from the
     * same files; returns what marks the database as filled, to be run once Keycloak is ready.
     */
    private static Runnable prepareImport(Path data) {
        try {
            Path imports = data.resolve("import");
            Files.createDirectories(imports);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String file : REALM_FILES) {
                try (InputStream in = Keycloak.class.getResourceAsStream("/keycloak/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("test resource keycloak/" + file + " is missing");
                    }
                    byte[] json = in.readAllBytes();
                    sha.update(json);
                    Files.write(imports.resolve(file), json);
                }
            }
            String fingerprint = HexFormat.of().formatHex(sha.digest());
            Path stored = data.resolve(FINGERPRINT);
            if (!Files.exists(stored) || !Files.readString(stored).equals(fingerprint)) {
                Files.deleteIfExists(stored);
                deleteTree(data.resolve("h2"));
            }
            return () -> {
                try {
                    Files.writeString(stored, fingerprint);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
