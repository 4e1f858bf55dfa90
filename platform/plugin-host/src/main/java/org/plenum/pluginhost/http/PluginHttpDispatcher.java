package org.plenum.pluginhost.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.plenum.api.PluginId;
import org.plenum.api.http.Caller;
import org.plenum.api.http.HttpMethod;
import org.plenum.api.http.HttpProblemException;
import org.plenum.api.http.HttpRequest;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonException;
import org.plenum.pluginhost.breaker.CircuitBreaker.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plugin routes for the server's one catch-all resource under {@code /api/v1/plugins/{id}/}.
 * The order of checks:
 * <ol>
 *   <li>the caller was authenticated by the server (a bad token never gets here);</li>
 *   <li>an anonymous caller reaches only public routes of running plugins, and gets 401 for
 *       everything else, so nothing about installed plugins is told to strangers;</li>
 *   <li>an unknown or stopped plugin answers 404, and so does a plugin the caller's tenant does not
 *       use (for routes that are not public): a private plugin stays invisible to other tenants;</li>
 *   <li>no matching template: 404; only other methods: 405;</li>
 *   <li>the handler runs with the plugin's class loader and a time limit; {@link HttpProblemException}
 *       becomes its problem document, {@link JsonException} a 400, anything else a 500 with a
 *       reference that is logged and counted toward the circuit breaker.</li>
 * </ol>
 */
public final class PluginHttpDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginHttpDispatcher.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the dispatcher finds running plugins. */
    public interface Targets {
        Optional<Target> find(PluginId id);

        boolean usableBy(PluginId id, UUID tenantId);

        void failed(PluginId id, FailureKind kind, String where, Throwable cause);
    }

    /** A running plugin's routes and class loader. */
    public record Target(PluginRoutes routes, ClassLoader classLoader) {
    }

    /**
     * One request as the server hands it over.
     *
     * @param pluginId the id segment as sent
     * @param path     the path below the plugin's mount point, starting with {@code /}, percent-encoded
     * @param rawQuery the query string without {@code ?}, or null
     * @param headers  request headers (credentials are removed here)
     * @param caller   the authenticated caller, or empty for an anonymous request
     */
    public record Request(String pluginId, HttpMethod method, String path, String rawQuery, Map<String, List<String>> headers,
                          Optional<Caller> caller, byte[] body) {
    }

    private final Targets targets;
    private final Duration timeout;
    private final MeterRegistry metrics;

    public PluginHttpDispatcher(Targets targets, Duration timeout, MeterRegistry metrics) {
        this.targets = targets;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    public HttpResponse dispatch(Request request) {
        PluginId id;
        try {
            id = PluginId.of(request.pluginId());
        } catch (IllegalArgumentException e) {
            id = null;
        }
        Optional<Target> target = id == null ? Optional.empty() : targets.find(id);
        if (request.caller().isEmpty()) {
            boolean publicRoute = target.map(t -> t.routes().match(request.method(), request.path()))
                    .filter(m -> m instanceof PluginRoutes.Found f && f.route().isPublic()).isPresent();
            if (!publicRoute) {
                return problem(401, "log in to use this");
            }
        }
        if (target.isEmpty()) {
            return notFound(request.pluginId());
        }
        PluginRoutes.Match match = target.get().routes().match(request.method(), request.path());
        PluginId pid = id;
        boolean tenantUses = request.caller().map(c -> targets.usableBy(pid, c.tenantId())).orElse(false);
        boolean isPublic = match instanceof PluginRoutes.Found f && f.route().isPublic();
        if (!tenantUses && !isPublic) {
            return notFound(request.pluginId());
        }
        return switch (match) {
            case PluginRoutes.NoRoute n -> problem(404, "plugin " + id + " has no route " + abbreviate(request.path()));
            case PluginRoutes.WrongMethod w -> new HttpResponse(405, Map.of("allow", String.join(", ", w.allowed().stream().map(Enum::name).toList()),
                    "content-type", "application/problem+json"), HttpResponse.problem(new HttpProblemException(405, abbreviate(request.path())
                    + " does not answer " + request.method() + "; it answers " + w.allowed())).body());
            case PluginRoutes.Found f -> run(id, target.get(), f, request);
        };
    }

    private HttpResponse run(PluginId id, Target target, PluginRoutes.Found found, Request request) {
        HttpRequest pluginRequest = new HttpRequest(request.method(), request.path(), found.parameters(), parseQuery(request.rawQuery()),
                withoutCredentials(request.headers()), request.caller(), request.body());
        long start = System.nanoTime();
        AtomicReference<HttpResponse> response = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = Thread.ofVirtual().name("plugin-http-" + id.value()).unstarted(() -> {
            Thread.currentThread().setContextClassLoader(target.classLoader());
            try {
                response.set(found.route().handler().handle(pluginRequest));
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                Thread.currentThread().setContextClassLoader(null);
            }
        });
        worker.start();
        HttpResponse result;
        String where = request.method() + " " + found.route().template();
        try {
            if (!worker.join(timeout)) {
                worker.interrupt();
                targets.failed(id, FailureKind.THREW, "HTTP " + where + " (timed out)", null);
                result = problem(503, "plugin " + id + " did not answer within " + timeout.toSeconds() + " s; try again later");
            } else {
                result = outcome(id, where, response.get(), thrown.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            result = problem(503, "the request was interrupted");
        }
        Timer.builder("plenum.plugin.http.requests").description("plugin route calls by plugin and status class")
                .tag("plugin", id.value()).tag("status", (result.status() / 100) + "xx").register(metrics)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return absoluteLocation(id, result);
    }

    private HttpResponse outcome(PluginId id, String where, HttpResponse response, Throwable thrown) {
        if (thrown == null && response != null) {
            return response;
        }
        if (thrown instanceof HttpProblemException p) {
            return HttpResponse.problem(p);
        }
        if (thrown instanceof JsonException j) {
            return HttpResponse.problem(HttpProblemException.badRequest(j.getMessage()));
        }
        String reference = HexFormat.of().formatHex(randomBytes());
        Throwable cause = thrown == null ? new IllegalStateException("the handler returned no response") : thrown;
        log.atError().setMessage("plugin route failed").addKeyValue("plugin", id).addKeyValue("route", where)
                .addKeyValue("reference", reference).setCause(cause).log();
        targets.failed(id, FailureKind.THREW, "HTTP " + where, cause);
        return problem(500, "plugin " + id + " failed to handle this request; quote reference " + reference + " to the operators");
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A relative {@code Location} is relative to the plugin's mount point. */
    private static HttpResponse absoluteLocation(PluginId id, HttpResponse r) {
        Optional<String> location = r.header("location");
        if (location.isEmpty() || location.get().contains("://")) {
            return r;
        }
        String l = location.get();
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put("location", "/api/v1/plugins/" + id.value() + (l.startsWith("/") ? l : "/" + l));
        return new HttpResponse(r.status(), headers, r.body());
    }

    private static HttpResponse notFound(String rawId) {
        return problem(404, "plugin " + abbreviate(rawId) + " does not exist or is not enabled for your municipality");
    }

    private static HttpResponse problem(int status, String detail) {
        return HttpResponse.problem(new HttpProblemException(status, detail));
    }

    private static Map<String, List<String>> withoutCredentials(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase("authorization") || k.equalsIgnoreCase("cookie"));
        return copy;
    }

    private static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return result;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                result.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            } catch (IllegalArgumentException e) {
                // a malformed escape: the pair is dropped rather than guessed at
            }
        }
        return result;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    @Override
    public void close() {
    }
}
