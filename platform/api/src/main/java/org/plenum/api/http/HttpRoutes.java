package org.plenum.api.http;

/**
 * A plugin's REST routes, mounted by the host under {@code /api/v1/plugins/{id}}: a route
 * {@code /votes/{voteId}} of the plugin {@code voting} answers
 * {@code /api/v1/plugins/voting/votes/{voteId}}.
 *
 * <h2>What the host does around a handler</h2>
 * <ul>
 *   <li>Authentication: for {@link #route} routes, the bearer token is verified first and the
 *       handler gets the {@link Caller}; without a valid token the caller gets 401, and callers of
 *       tenants that have not enabled the plugin get 404. {@link #publicRoute} routes also answer
 *       anonymous callers (for example a public page where citizens check vote receipts) and
 *       run for every tenant: the plugin scopes their data itself.</li>
 *   <li>Limits and hygiene: request bodies above 1 MiB are refused (413) before the handler runs;
 *       {@code Authorization} and {@code Cookie} headers are removed; responses get the
 *       platform's security headers; errors are {@code application/problem+json}.</li>
 *   <li>Routing: exact {@link PathTemplate} matching, most specific template first; 404 when no
 *       template matches, 405 when only other methods do.</li>
 *   <li>Metrics and time limits per plugin, and the plugin's class loader as context class loader.</li>
 * </ul>
 * Routes are usually added in {@code start}, are withdrawn when the plugin stops, and are swapped
 * without restarting the web server when the plugin is updated.
 * {@snippet :
 * HttpRoutes http = context.http();
 * http.get("/votes/{voteId}", request -> HttpResponse.ok(votes.view(request.requireCaller(), request.pathParameter("voteId"))));
 * http.get("/votes/{voteId}/report.pdf", request -> HttpResponse.attachment("application/pdf", "report.pdf", reports.pdf(...)));
 * http.post("/votes/{voteId}/faults", request -> {
 *     faults.report(request.requireCaller(), request.pathParameter("voteId"), request.jsonBody().asObject().getString("text"));
 *     return HttpResponse.noContent();
 * });
 * http.publicRoute(HttpMethod.GET, "/receipts/{receipt}", request -> HttpResponse.ok(receipts.check(request.pathParameter("receipt"))));
 * }
 * Implemented by the host.
 */
public interface HttpRoutes {

    /**
     * Adds a route for authenticated callers of tenants that enabled the plugin.
     *
     * @throws IllegalArgumentException for a bad template ({@link PathTemplate#parse}) or a
     *                                  method and template that are taken already
     */
    void route(HttpMethod method, String pathTemplate, HttpHandler handler);

    /**
     * Adds a route that anonymous callers may use too ({@link HttpRequest#caller()} may be empty).
     *
     * @throws IllegalArgumentException as {@link #route}
     */
    void publicRoute(HttpMethod method, String pathTemplate, HttpHandler handler);

    /** {@link #route} with GET. */
    default void get(String pathTemplate, HttpHandler handler) {
        route(HttpMethod.GET, pathTemplate, handler);
    }

    /** {@link #route} with POST. */
    default void post(String pathTemplate, HttpHandler handler) {
        route(HttpMethod.POST, pathTemplate, handler);
    }

    /** {@link #route} with PUT. */
    default void put(String pathTemplate, HttpHandler handler) {
        route(HttpMethod.PUT, pathTemplate, handler);
    }

    /** {@link #route} with PATCH. */
    default void patch(String pathTemplate, HttpHandler handler) {
        route(HttpMethod.PATCH, pathTemplate, handler);
    }

    /** {@link #route} with DELETE. */
    default void delete(String pathTemplate, HttpHandler handler) {
        route(HttpMethod.DELETE, pathTemplate, handler);
    }
}
