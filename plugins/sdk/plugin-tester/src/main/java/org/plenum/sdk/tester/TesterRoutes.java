package org.plenum.sdk.tester;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.plenum.api.PluginId;
import org.plenum.api.http.Caller;
import org.plenum.api.http.HttpHandler;
import org.plenum.api.http.HttpMethod;
import org.plenum.api.http.HttpProblemException;
import org.plenum.api.http.HttpRequest;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.http.HttpRoutes;
import org.plenum.api.http.PathTemplate;
import org.plenum.api.json.JsonException;

/** The plugin's routes in the tester, dispatched the way the host dispatches them, without a web server. */
final class TesterRoutes implements HttpRoutes {

    private record Route(HttpMethod method, PathTemplate template, HttpHandler handler, boolean isPublic) {
        String shape() {
            return method + " " + template.segments().stream().map(s -> s.startsWith("{") ? "{}" : s).collect(Collectors.joining("/", "/", ""));
        }
    }

    private final PluginId plugin;
    private final RoomLoop loop;
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    TesterRoutes(PluginId plugin, RoomLoop loop) {
        this.plugin = plugin;
        this.loop = loop;
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
        Route r = new Route(method, PathTemplate.parse(pathTemplate), handler, isPublic);
        for (Route existing : routes) {
            if (existing.shape().equals(r.shape())) {
                throw new IllegalArgumentException("plugin " + plugin + " has a route " + existing.method() + " " + existing.template()
                        + " already, which matches the same requests as " + pathTemplate);
            }
        }
        routes.add(r);
    }

    List<String> describe() {
        return routes.stream().map(r -> r.method() + " " + r.template() + (r.isPublic() ? " (public)" : "")).toList();
    }

    void clear() {
        routes.clear();
    }

    HttpResponse dispatch(HttpMethod method, String target, Optional<Caller> caller, Map<String, List<String>> headers, byte[] body) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, List<String>> query = q < 0 ? Map.of() : parseQuery(target.substring(q + 1));
        List<Route> candidates = routes.stream()
                .filter(r -> r.template().match(path).isPresent())
                .sorted(Comparator.comparing(Route::template, PathTemplate.mostSpecificFirst()))
                .toList();
        if (candidates.isEmpty()) {
            return HttpResponse.problem(new HttpProblemException(404, "plugin " + plugin + " has no route for " + path));
        }
        Optional<Route> chosen = candidates.stream().filter(r -> r.method() == method).findFirst();
        if (chosen.isEmpty()) {
            return HttpResponse.problem(new HttpProblemException(405, path + " does not answer " + method + "; it answers "
                    + candidates.stream().map(r -> r.method().name()).distinct().toList()));
        }
        Route route = chosen.get();
        if (!route.isPublic() && caller.isEmpty()) {
            return HttpResponse.problem(HttpProblemException.unauthorized("log in to use this"));
        }
        HttpRequest request = new HttpRequest(method, path, route.template().match(path).orElseThrow(), query,
                withoutCredentials(headers), caller, body);
        HttpResponse[] response = new HttpResponse[1];
        loop.runAs(RoomLoop.Where.REQUEST, "HTTP " + method + " " + route.template(), () -> {
            try {
                response[0] = route.handler().handle(request);
                Objects.requireNonNull(response[0], "the handler returned no response");
            } catch (HttpProblemException p) {
                response[0] = HttpResponse.problem(p);
            } catch (JsonException j) {
                response[0] = HttpResponse.problem(HttpProblemException.badRequest(j.getMessage()));
            } catch (RuntimeException e) {
                response[0] = internalError();
                throw e;
            } catch (Exception e) {
                response[0] = internalError();
                throw new IllegalStateException("the HTTP handler threw " + e, e);
            }
        });
        return response[0];
    }

    private static HttpResponse internalError() {
        return HttpResponse.problem(new HttpProblemException(500, "the plugin failed; the reference is in the server log"));
    }

    private static Map<String, List<String>> withoutCredentials(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase("authorization") || k.equalsIgnoreCase("cookie"));
        return copy;
    }

    private static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return result;
    }
}
