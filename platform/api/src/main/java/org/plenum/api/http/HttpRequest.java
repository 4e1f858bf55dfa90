package org.plenum.api.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;

/**
 * A request to a plugin route, as the host hands it over: already authenticated, size-limited and
 * routed. Header names are lower case; {@code Authorization} and {@code Cookie} are never
 * included.
 * {@snippet :
 * HttpHandler addNote = request -> {
 *     Caller caller = request.requireCaller();
 *     String draftId = request.pathParameter("draftId");
 *     JsonObject note = request.jsonObjectBody();               // 400 with a clear message if not JSON
 *     int limit = request.queryParameter("limit").map(Integer::parseInt).orElse(50);
 *     return HttpResponse.created("/drafts/" + draftId + "/notes/" + drafts.addNote(caller, draftId, note), JsonObject.of());
 * };
 * }
 *
 * @param method          the method
 * @param path            the path below the plugin's mount point, as sent (percent-encoded)
 * @param pathParameters  the template's parameters, decoded
 * @param queryParameters the query parameters, decoded, in order of appearance per name
 * @param headers         the headers, names in lower case
 * @param caller          who is calling; present on every non-public route
 * @param body            the body bytes (empty when there is none; copied in and out)
 */
public record HttpRequest(HttpMethod method, String path, Map<String, String> pathParameters,
                          Map<String, List<String>> queryParameters, Map<String, List<String>> headers,
                          Optional<Caller> caller, byte[] body) {

    /** Copies everything; lower-cases header names. */
    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        pathParameters = Map.copyOf(pathParameters);
        TreeMap<String, List<String>> query = new TreeMap<>();
        queryParameters.forEach((k, v) -> query.put(k, List.copyOf(v)));
        queryParameters = java.util.Collections.unmodifiableSortedMap(query);
        TreeMap<String, List<String>> h = new TreeMap<>();
        headers.forEach((k, v) -> h.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        h.replaceAll((k, v) -> List.copyOf(v));
        headers = java.util.Collections.unmodifiableSortedMap(h);
        Objects.requireNonNull(caller, "caller");
        body = Objects.requireNonNull(body, "body").clone();
    }

    /**
     * A path parameter of the route's template.
     *
     * @throws IllegalArgumentException if the template has no such parameter (a programming error)
     */
    public String pathParameter(String name) {
        String v = pathParameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the route has no path parameter '" + name + "'; it has " + pathParameters.keySet());
        }
        return v;
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The first value of a header (name in any case). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * The caller, on routes that require one.
     *
     * @throws HttpProblemException 401 on a public route called anonymously
     */
    public Caller requireCaller() {
        return caller.orElseThrow(() -> HttpProblemException.unauthorized("log in to use this"));
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as JSON.
     *
     * @throws JsonException if it is empty or not JSON (the host answers 400 with the message)
     */
    public JsonValue jsonBody() {
        if (body.length == 0) {
            throw new JsonException("the request needs a JSON body");
        }
        return JsonValue.parse(bodyText());
    }

    /**
     * The body parsed as a JSON object.
     *
     * @throws JsonException if it is empty, not JSON or not an object
     */
    public JsonObject jsonObjectBody() {
        return jsonBody().asObject();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpRequest r && method == r.method && path.equals(r.path) && pathParameters.equals(r.pathParameters)
                && queryParameters.equals(r.queryParameters) && headers.equals(r.headers) && caller.equals(r.caller)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, pathParameters, queryParameters, headers, caller, Arrays.hashCode(body));
    }

    /** Method, path and body size; no header values or body content (they may hold personal data). */
    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + path + ", " + body.length + " bytes]";
    }
}
