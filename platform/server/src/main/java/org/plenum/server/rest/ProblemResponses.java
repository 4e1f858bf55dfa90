package org.plenum.server.rest;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem documents: {@code type}, {@code title}, {@code status}, {@code detail}, plus our {@code code}. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    public static Response of(int status, String code, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://plenum.example/problems/" + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
