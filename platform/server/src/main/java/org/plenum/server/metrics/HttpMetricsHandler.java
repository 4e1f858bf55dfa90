package org.plenum.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Times every HTTP request as {@code http.server.requests} by method, status and area. The area is the
 * first path segment below {@code /api/v1} (never an id), so the number of series stays small.
 */
public final class HttpMetricsHandler extends Handler.Wrapper {

    private final MeterRegistry registry;

    public HttpMetricsHandler(MeterRegistry registry, Handler next) {
        super(next);
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String method = request.getMethod();
        String area = area(request.getHttpURI().getPath());
        Callback timed = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record(start, method, area, response.getStatus());
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(start, method, area, 500);
                super.failed(x);
            }
        };
        return super.handle(request, response, timed);
    }

    private void record(long start, String method, String area, int status) {
        Timer.builder("http.server.requests")
                .tag("method", knownMethod(method)).tag("status", Integer.toString(status)).tag("area", area)
                .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    static String area(String path) {
        if (path == null) {
            return "other";
        }
        if (path.startsWith("/api/v1/")) {
            String rest = path.substring(8);
            int slash = rest.indexOf('/');
            String first = slash < 0 ? rest : rest.substring(0, slash);
            return switch (first) {
                case "auth", "me", "tenants", "rooms", "invites", "plugins", "openapi.json", "client-config" -> "api/" + first;
                default -> "api/other";
            };
        }
        return switch (path) {
            case "/healthz", "/readyz", "/metrics", "/signaling" -> path.substring(1);
            default -> "other";
        };
    }

    private static String knownMethod(String m) {
        return switch (m) {
            case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" -> m;
            default -> "OTHER";
        };
    }
}
