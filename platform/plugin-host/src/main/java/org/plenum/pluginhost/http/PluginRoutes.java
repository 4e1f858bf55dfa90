package org.plenum.pluginhost.http;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.plenum.api.PluginId;
import org.plenum.api.http.HttpHandler;
import org.plenum.api.http.HttpMethod;
import org.plenum.api.http.HttpRoutes;
import org.plenum.api.http.PathTemplate;

/** One plugin's route table, filled through {@code PluginContext.http()} and emptied when the plugin stops. */
public final class PluginRoutes implements HttpRoutes {

    /** A registered route. */
    public record Route(HttpMethod method, PathTemplate template, HttpHandler handler, boolean isPublic) {
        String shape() {
            return method + " " + template.segments().stream().map(s -> s.startsWith("{") ? "{}" : s).collect(Collectors.joining("/", "/", ""));
        }
    }

    /** What matching a request found. */
    public sealed interface Match {
    }

    /** No template matches the path. */
    public record NoRoute() implements Match {
    }

    /** Templates match the path, but not for this method. */
    public record WrongMethod(List<HttpMethod> allowed) implements Match {
    }

    /** The route and its decoded path parameters. */
    public record Found(Route route, Map<String, String> parameters) implements Match {
    }

    private final PluginId plugin;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public PluginRoutes(PluginId plugin) {
        this.plugin = plugin;
    }

    @Override
    public void route(HttpMethod method, String pathTemplate, HttpHandler handler) {
        add(method, pathTemplate, handler, false);
    }

    @Override
    public void publicRoute(HttpMethod method, String pathTemplate, HttpHandler handler) {
        add(method, pathTemplate, handler, true);
    }

    private synchronized void add(HttpMethod method, String pathTemplate, HttpHandler handler, boolean isPublic) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        if (closed) {
            throw new IllegalStateException("plugin " + plugin + " is stopped; it cannot add routes");
        }
        Route r = new Route(method, PathTemplate.parse(pathTemplate), handler, isPublic);
        for (Route existing : routes) {
            if (existing.shape().equals(r.shape())) {
                throw new IllegalArgumentException("plugin " + plugin + " has a route " + existing.method() + " " + existing.template()
                        + " already, which matches the same requests as " + pathTemplate);
            }
        }
        routes.add(r);
    }

    /** Finds the route for a request path (percent-encoded, below the plugin's mount point, no query). */
    public Match match(HttpMethod method, String path) {
        List<Route> candidates = routes.stream()
                .filter(r -> r.template().match(path).isPresent())
                .sorted(Comparator.comparing(Route::template, PathTemplate.mostSpecificFirst()))
                .toList();
        if (candidates.isEmpty()) {
            return new NoRoute();
        }
        return candidates.stream().filter(r -> r.method() == method).findFirst()
                .<Match>map(r -> new Found(r, r.template().match(path).orElseThrow()))
                .orElseGet(() -> new WrongMethod(candidates.stream().map(Route::method).distinct().toList()));
    }

    /** The routes as {@code METHOD /template}, for admins. */
    public List<String> describe() {
        return routes.stream().map(r -> r.method() + " " + r.template() + (r.isPublic() ? " (public)" : "")).toList();
    }

    /** Drops every route (the plugin stopped). */
    public void close() {
        closed = true;
        routes.clear();
    }
}
