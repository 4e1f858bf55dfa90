package org.plenum.api.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.plenum.api.json.JsonValue;

/**
 * What a plugin route answers: a status, headers and a body. JSON bodies use the canonical
 * {@link JsonValue} text; binary bodies (a PDF report) carry their own content type. Errors are
 * better thrown as {@link HttpProblemException}, which {@link #problem} shows in the form the host
 * writes.
 * {@snippet :
 * return HttpResponse.ok(JsonObject.of("voteId", id, "state", "open"));
 * return HttpResponse.created("/votes/" + id, JsonObject.of("voteId", id));
 * return HttpResponse.noContent();
 * return HttpResponse.attachment("application/pdf", "abstimmung-7.pdf", pdfBytes);
 * }
 * Headers the host owns cannot be set: {@value #HOST_OWNED_NOTE}.
 *
 * @param status  the status, 200 to 599; for errors prefer throwing {@link HttpProblemException},
 *                which gives the platform's problem format
 * @param headers response headers; names are checked and lower-cased
 * @param body    the body (copied in and out)
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    /** Which headers the host sets itself. */
    public static final String HOST_OWNED_NOTE = "content-length, transfer-encoding, connection, set-cookie, "
            + "strict-transport-security, content-security-policy, x-content-type-options, access-control-*";

    private static final Set<String> HOST_OWNED = Set.of("content-length", "transfer-encoding", "connection", "set-cookie",
            "strict-transport-security", "content-security-policy", "x-content-type-options");

    /**
     * Checks status and headers.
     *
     * @throws IllegalArgumentException for a status outside 200..599, a host-owned header or a
     *                                  header value with line breaks
     */
    public HttpResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a plugin response has a status from 200 to 599, not " + status);
        }
        Map<String, String> h = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            String value = Objects.requireNonNull(e.getValue(), "header value");
            if (!name.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("'" + name + "' is not a valid header name");
            }
            if (HOST_OWNED.contains(name) || name.startsWith("access-control-")) {
                throw new IllegalArgumentException("the header '" + name + "' is set by the host, not by plugins");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("the value of header '" + name + "' must not contain line breaks");
            }
            h.put(name, value);
        }
        headers = Map.copyOf(h);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** 200 with a JSON body. */
    public static HttpResponse ok(JsonValue json) {
        return json(200, json);
    }

    /** A JSON body with a status. */
    public static HttpResponse json(int status, JsonValue json) {
        return new HttpResponse(status, Map.of("content-type", "application/json"), json.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** 201 with a {@code Location} relative to the plugin's mount point (the host makes it absolute) and a JSON body. */
    public static HttpResponse created(String location, JsonValue json) {
        return new HttpResponse(201, Map.of("content-type", "application/json", "location", location),
                json.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** 204 without a body. */
    public static HttpResponse noContent() {
        return new HttpResponse(204, Map.of(), new byte[0]);
    }

    /** 200 with a body of the given content type. */
    public static HttpResponse bytes(String contentType, byte[] body) {
        return new HttpResponse(200, Map.of("content-type", contentType), body);
    }

    /**
     * 200 with a body the browser offers to save as {@code filename}.
     *
     * @throws IllegalArgumentException if {@code filename} has characters other than letters, digits, '.', '_', '-'
     */
    public static HttpResponse attachment(String contentType, String filename, byte[] body) {
        if (!filename.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("attachment file name '" + filename + "' may contain only letters, digits, '.', '_', '-'");
        }
        return new HttpResponse(200, Map.of("content-type", contentType, "content-disposition", "attachment; filename=\"" + filename + "\""), body);
    }

    /**
     * The RFC 9457 response the host writes for an {@link HttpProblemException}, in the core's
     * format: {@code application/problem+json} with {@code type}, {@code title}, {@code status},
     * {@code detail} and a machine-readable {@code code} ({@code invalid_request},
     * {@code unauthenticated}, {@code forbidden}, {@code not_found}, {@code conflict}, …).
     */
    public static HttpResponse problem(HttpProblemException problem) {
        String[] codeAndTitle = codeAndTitle(problem.status());
        JsonValue json = org.plenum.api.json.JsonObject.builder()
                .put("type", "https://plenum.example/problems/" + codeAndTitle[0])
                .put("title", codeAndTitle[1])
                .put("status", problem.status())
                .put("detail", problem.getMessage())
                .put("code", codeAndTitle[0])
                .build();
        return new HttpResponse(problem.status(), Map.of("content-type", "application/problem+json"),
                json.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** A header value (name in any case). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
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
     * @throws org.plenum.api.json.JsonException if it is not JSON
     */
    public JsonValue jsonBody() {
        return JsonValue.parse(bodyText());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpResponse r && status == r.status && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    private static String[] codeAndTitle(int status) {
        return switch (status) {
            case 400 -> new String[] {"invalid_request", "Invalid request"};
            case 401 -> new String[] {"unauthenticated", "Authentication required"};
            case 403 -> new String[] {"forbidden", "Forbidden"};
            case 404 -> new String[] {"not_found", "Not found"};
            case 405 -> new String[] {"method_not_allowed", "Method not allowed"};
            case 409 -> new String[] {"conflict", "Conflict"};
            case 410 -> new String[] {"gone", "Gone"};
            case 413 -> new String[] {"too_large", "Request too large"};
            case 429 -> new String[] {"rate_limited", "Too many requests"};
            case 503 -> new String[] {"unavailable", "Service unavailable"};
            default -> status < 500 ? new String[] {"invalid_request", "Invalid request"} : new String[] {"internal_error", "Internal error"};
        };
    }

    /** Status, headers and body size. */
    @Override
    public String toString() {
        return "HttpResponse[" + status + " " + headers + ", " + body.length + " bytes]";
    }
}
