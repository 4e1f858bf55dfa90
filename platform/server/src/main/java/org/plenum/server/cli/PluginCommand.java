package org.plenum.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/plenum plugin …}: manages the plugins of a running server through its admin REST API.
 * <pre>
 * bin/plenum plugin list
 * bin/plenum plugin install &lt;jar&gt; [--tenant &lt;tenant id&gt;]
 * bin/plenum plugin update &lt;id&gt; &lt;jar&gt;
 * bin/plenum plugin enable &lt;id&gt;
 * bin/plenum plugin disable &lt;id&gt;
 * bin/plenum plugin uninstall &lt;id&gt; [--purge]
 * bin/plenum plugin available &lt;id&gt; &lt;tenant id&gt; [true|false]
 * </pre>
 * The server is {@code PLENUM_URL} (default {@code http://127.0.0.1:8080}); the caller is
 * {@code PLENUM_TOKEN}, or the local account {@code PLENUM_ADMIN_USER} (default {@code admin}) with
 * {@code PLENUM_ADMIN_PASSWORD}. Exit codes: 0 done, 1 the server refused (its message is printed),
 * 2 wrong usage, 3 the server could not be reached.
 */
public final class PluginCommand {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE_TEXT = """
            usage: bin/plenum plugin <command>
              list                                   the installed plugins and their state
              install <jar> [--tenant <tenant id>]   install a plugin (with --tenant: a municipality's private plugin)
              update <id> <jar>                      replace a plugin by another version
              enable <id>                            start a disabled or failed plugin
              disable <id>                           stop a plugin until it is enabled again
              uninstall <id> [--purge]               remove a plugin (--purge also deletes its data)
              available <id> <tenant id> [true|false] let a municipality use a plugin (or no longer)
            environment: PLENUM_URL (default http://127.0.0.1:8080), PLENUM_TOKEN or
                         PLENUM_ADMIN_USER (default admin) and PLENUM_ADMIN_PASSWORD""";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    private PluginCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
        String url = env.getOrDefault("PLENUM_URL", "http://127.0.0.1:8080");
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        PluginCommand c;
        try {
            c = new PluginCommand(env, out, err);
        } catch (IllegalArgumentException e) {
            err.println("plenum plugin: PLENUM_URL is not a URL: " + e.getMessage());
            return USAGE;
        }
        try {
            return c.execute(List.of(args));
        } catch (Usage u) {
            err.println("plenum plugin: " + u.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (Refused r) {
            err.println("plenum plugin: " + r.getMessage());
            return REFUSED;
        } catch (ConnectException | HttpTimeoutException e) {
            err.println("plenum plugin: cannot reach the server at " + c.base + " (" + e.getClass().getSimpleName()
                    + "); is it running? Set PLENUM_URL to its address");
            return UNREACHABLE;
        } catch (IOException e) {
            err.println("plenum plugin: talking to " + c.base + " failed: " + e.getMessage());
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
    }

    private int execute(List<String> args) throws IOException, InterruptedException {
        if (args.isEmpty() || args.getFirst().equals("help") || args.getFirst().equals("--help")) {
            if (args.isEmpty()) {
                throw new Usage("a command is required");
            }
            out.println(USAGE_TEXT);
            return OK;
        }
        String command = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        switch (command) {
            case "list" -> {
                expect(rest, 0, 0, "list");
                JsonNode plugins = call("GET", "api/v1/admin/plugins", null, null);
                if (plugins.isEmpty()) {
                    out.println("no plugins installed");
                }
                for (JsonNode p : plugins) {
                    out.println(line(p));
                }
            }
            case "install" -> {
                List<String> positional = new ArrayList<>();
                String tenant = null;
                for (int i = 0; i < rest.size(); i++) {
                    if (rest.get(i).equals("--tenant")) {
                        if (i + 1 >= rest.size()) {
                            throw new Usage("--tenant needs a tenant id");
                        }
                        tenant = rest.get(++i);
                    } else {
                        positional.add(rest.get(i));
                    }
                }
                expect(positional, 1, 1, "install <jar> [--tenant <tenant id>]");
                String path = "api/v1/admin/plugins" + (tenant == null ? "" : "?tenant=" + URLEncoder.encode(tenant, StandardCharsets.UTF_8));
                JsonNode p = call("POST", path, jar(positional.getFirst()), "application/octet-stream");
                out.println("installed " + line(p));
            }
            case "update" -> {
                expect(rest, 2, 2, "update <id> <jar>");
                JsonNode p = call("PUT", "api/v1/admin/plugins/" + segment(rest.get(0)), jar(rest.get(1)), "application/octet-stream");
                out.println("updated " + line(p));
            }
            case "enable", "disable" -> {
                expect(rest, 1, 1, command + " <id>");
                JsonNode p = call("POST", "api/v1/admin/plugins/" + segment(rest.getFirst()) + "/" + command, null, null);
                out.println(command + "d " + line(p));
            }
            case "uninstall" -> {
                List<String> positional = rest.stream().filter(a -> !a.equals("--purge")).toList();
                expect(positional, 1, 1, "uninstall <id> [--purge]");
                boolean purge = rest.contains("--purge");
                call("DELETE", "api/v1/admin/plugins/" + segment(positional.getFirst()) + (purge ? "?purge=true" : ""), null, null);
                out.println("uninstalled " + positional.getFirst() + (purge ? " and deleted its data" : " (its data is kept)"));
            }
            case "available" -> {
                expect(rest, 2, 3, "available <id> <tenant id> [true|false]");
                String value = rest.size() == 3 ? rest.get(2) : "true";
                if (!value.equals("true") && !value.equals("false")) {
                    throw new Usage("the last argument must be true or false, not " + value);
                }
                byte[] body = ("{\"available\":" + value + "}").getBytes(StandardCharsets.UTF_8);
                JsonNode t = call("PUT", "api/v1/admin/plugins/" + segment(rest.get(0)) + "/tenants/" + segment(rest.get(1)), body,
                        "application/json");
                out.println("plugin " + t.path("id").asText() + " is " + (t.path("available").asBoolean() ? "" : "not ")
                        + "available to tenant " + rest.get(1));
            }
            default -> throw new Usage("unknown command '" + command + "'");
        }
        return OK;
    }

    private static String line(JsonNode p) {
        String reason = p.path("reason").isTextual() ? " — " + p.path("reason").asText() : "";
        String owner = p.path("ownerTenantId").isTextual() ? " private:" + p.path("ownerTenantId").asText() : "";
        return p.path("id").asText() + " " + p.path("version").asText() + " [" + p.path("state").asText() + "] " + p.path("name").asText()
                + owner + reason;
    }

    private static void expect(List<String> args, int min, int max, String usage) {
        if (args.size() < min || args.size() > max) {
            throw new Usage("usage: bin/plenum plugin " + usage);
        }
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] jar(String file) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new Usage("no such file: " + file);
        }
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new Usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    private JsonNode call(String method, String path, byte[] body, String contentType) throws IOException, InterruptedException {
        String token = token();
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return answer(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private String token() throws IOException, InterruptedException {
        String token = env.get("PLENUM_TOKEN");
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        String password = env.get("PLENUM_ADMIN_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new Usage("set PLENUM_TOKEN, or PLENUM_ADMIN_PASSWORD (and PLENUM_ADMIN_USER if not admin)");
        }
        String user = env.getOrDefault("PLENUM_ADMIN_USER", "admin");
        byte[] login = JSON.writeValueAsBytes(Map.of("username", user, "password", password));
        HttpRequest r = HttpRequest.newBuilder(base.resolve("api/v1/auth/login")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(login)).header("Content-Type", "application/json").build();
        JsonNode answer = answer(http.send(r, HttpResponse.BodyHandlers.ofString()));
        return answer.path("access_token").asText();
    }

    private static JsonNode answer(HttpResponse<String> r) {
        JsonNode body;
        try {
            body = r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        if (r.statusCode() >= 400) {
            String detail = body.path("detail").asText("");
            throw new Refused("the server refused (" + r.statusCode() + (body.has("code") ? " " + body.path("code").asText() : "") + ")"
                    + (detail.isEmpty() ? "" : ": " + detail));
        }
        return body;
    }

    private static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
