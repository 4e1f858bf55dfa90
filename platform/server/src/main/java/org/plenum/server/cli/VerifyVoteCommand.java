package org.plenum.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code bin/plenum verify-vote <vote id>}: asks a running server's voting plugin to verify a vote (hash chain
 * against the signed head, the head's signature, the recount from the ledger, every stored row against its
 * ledger entry) and prints the verdict and, for a broken vote, each finding with the exact entry or row.
 * <pre>
 * bin/plenum verify-vote 4a380bef-3b65-4988-bb24-e7b8fe8b8c37
 * </pre>
 * The server is {@code PLENUM_URL} (default {@code http://127.0.0.1:8080}); the caller {@code PLENUM_TOKEN}, or
 * the local account {@code PLENUM_USER} with {@code PLENUM_PASSWORD} — someone of the vote's municipality who may
 * see its room. Exit codes: 0 the vote verifies and its result is valid, 1 it does not (or the server refused),
 * 2 wrong usage, 3 the server could not be reached.
 */
public final class VerifyVoteCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifyVoteCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 1 || !args[0].matches("[0-9a-fA-F-]{36}")) {
            err.println("usage: bin/plenum verify-vote <vote id>   (PLENUM_URL, PLENUM_TOKEN or PLENUM_USER/PLENUM_PASSWORD)");
            return PluginCommand.USAGE;
        }
        String url = env.getOrDefault("PLENUM_URL", "http://127.0.0.1:8080");
        URI base = URI.create(url.endsWith("/") ? url : url + "/");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            String token = env.get("PLENUM_TOKEN");
            if (token == null) {
                String user = env.get("PLENUM_USER");
                String password = env.get("PLENUM_PASSWORD");
                if (user == null || password == null) {
                    err.println("plenum verify-vote: set PLENUM_TOKEN, or PLENUM_USER and PLENUM_PASSWORD");
                    return PluginCommand.USAGE;
                }
                String body = JSON.writeValueAsString(Map.of("username", user, "password", password));
                HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("api/v1/auth/login"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (login.statusCode() != 200) {
                    err.println("plenum verify-vote: login refused (" + login.statusCode() + ")");
                    return PluginCommand.REFUSED;
                }
                token = JSON.readTree(login.body()).path("access_token").asText();
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("api/v1/plugins/voting/votes/" + args[0] + "/verification"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                JsonNode problem = r.body().isBlank() ? null : JSON.readTree(r.body());
                err.println("plenum verify-vote: the server refused (" + r.statusCode() + ")"
                        + (problem == null ? "" : ": " + problem.path("detail").asText()));
                return PluginCommand.REFUSED;
            }
            return print(JSON.readTree(r.body()), out);
        } catch (ConnectException | HttpTimeoutException e) {
            err.println("plenum verify-vote: cannot reach the server at " + base + "; is it running? Set PLENUM_URL to its address");
            return PluginCommand.UNREACHABLE;
        } catch (IOException e) {
            err.println("plenum verify-vote: talking to " + base + " failed: " + e.getMessage());
            return PluginCommand.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PluginCommand.UNREACHABLE;
        }
    }

    private static int print(JsonNode v, PrintStream out) {
        boolean intact = v.path("intact").asBoolean();
        boolean valid = v.path("resultValid").asBoolean();
        out.println("vote " + v.path("voteId").asText() + " (" + v.path("state").asText() + ")");
        JsonNode head = v.path("signedHead");
        if (head.isObject()) {
            out.println("  final hash   " + head.path("head").asText() + " (" + head.path("seq").asText() + " entries)");
            out.println("  signed by    " + head.path("keyFingerprint").asText() + " at " + head.path("signedAt").asText());
        }
        JsonNode recount = v.path("recount");
        if (recount.isObject()) {
            StringBuilder counts = new StringBuilder();
            recount.path("counts").forEach(c -> counts.append(counts.isEmpty() ? "" : ", ").append(c.path("option").asText()).append('=')
                    .append(c.path("count").asInt()));
            out.println("  recount      " + counts + " (" + recount.path("cast").asInt() + " of " + recount.path("eligible").asInt() + " eligible)");
        }
        for (JsonNode f : v.path("findings")) {
            out.println("  BROKEN       " + f.path("table").asText() + " / " + f.path("entry").asText() + " [" + f.path("problem").asText() + "]: "
                    + f.path("detail").asText());
        }
        out.println(intact && valid ? "VERIFIED: ledger, signature, recount and stored rows agree; the result is valid"
                : intact ? "NOT FINAL: the records agree, but the vote has no valid final result (running or cancelled)"
                : "FAILED: the records were changed after the fact; the result is not valid");
        return intact && valid ? PluginCommand.OK : PluginCommand.REFUSED;
    }
}
