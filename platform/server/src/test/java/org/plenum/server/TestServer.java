package org.plenum.server;

import org.plenum.pluginhost.lifecycle.CodeLoader;
import org.plenum.pluginhost.testing.ClasspathCodeLoader;
import org.plenum.pluginhost.testing.SignedJars;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.plenum.core.config.Settings;

/**
 * A real server for tests: embedded PostgreSQL in a temporary data directory, Jetty on a free loopback
 * port, and a small JSON client. The admin password is fixed so tests can log in.
 */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final PlenumServer server;
    public final Path dataDir;
    public final HttpClient http = HttpClient.newHttpClient();

    private TestServer(PlenumServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> extra) {
        try {
            return start(Files.createTempDirectory("plenum-test"), extra);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestServer start(Path dataDir, Map<String, String> extra) {
        return start(dataDir, extra, null);
    }

    /**
     * A server whose plugin host loads test plugins from the class path ({@link ClasspathCodeLoader}) and
     * trusts jars signed by {@code signing}.
     */
    public static TestServer withTestPlugins(SignedJars signing, Map<String, String> extra) {
        return trusting(signing, extra, new ClasspathCodeLoader());
    }

    /** A server with the real plugin loaders (Felix, PF4J) that trusts jars signed by {@code signing}. */
    public static TestServer withRealPluginLoaders(SignedJars signing, Map<String, String> extra) {
        return trusting(signing, extra, null);
    }

    private static TestServer trusting(SignedJars signing, Map<String, String> extra, CodeLoader loader) {
        try {
            Path dir = Files.createTempDirectory("plenum-test");
            Map<String, String> s = new HashMap<>();
            s.put("plugins.truststore", signing.trustStore(dir).toString());
            s.put("plugins.truststore.password", SignedJars.TRUST_STORE_PASSWORD);
            s.putAll(extra);
            return start(dir, s, loader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestServer start(Path dataDir, Map<String, String> extra, CodeLoader loader) {
        Map<String, String> s = new HashMap<>();
        s.put("http.port", "0");
        s.put("data.dir", dataDir.toString());
        s.put("admin.password", ADMIN_PASSWORD);
        s.putIfAbsent("media.udp.port", "0"); // any free port: tests may run beside a server
        s.putIfAbsent("media.tcp.port", "0");
        s.putAll(extra);
        try {
            return new TestServer(loader == null ? PlenumServer.start(Settings.of(s)) : PlenumServer.start(Settings.of(s), loader), dataDir);
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
    }

    public URI uri(String path) {
        return server.url().resolve(path);
    }

    /** A JSON response: status, headers and the parsed body (or null when there is none). */
    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        public String text(String field) {
            return body.path(field).asText();
        }
    }

    public Reply send(String method, String path, String token, Object body) {
        try {
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body() == null || r.body().isBlank() ? null : parseOrNull(r.body());
            return new Reply(r.statusCode(), node, r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request with a raw body of the given content type (plugin jars, bodies for plugin routes). */
    public Reply sendBytes(String method, String path, String token, String contentType, byte[] body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body() == null || r.body().isBlank() ? null : parseOrNull(r.body());
            return new Reply(r.statusCode(), node, r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads a plugin jar. */
    public Reply upload(String method, String path, String token, Path jar) {
        try {
            return sendBytes(method, path, token, "application/octet-stream", Files.readAllBytes(jar));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Reply post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public String login(String username, String password) {
        Reply r = post("/api/v1/auth/login", null, Map.of("username", username, "password", password));
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.raw().body());
        }
        return r.text("access_token");
    }

    public String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    private static JsonNode parseOrNull(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
