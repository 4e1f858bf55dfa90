package org.plenum.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty itself answers (unparsable requests, bodies over the size limit, paths outside the
 * REST API) in the same RFC 9457 shape as the REST API's own problems, never as an HTML page.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "application/problem+json";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body(code, message), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, TYPE));
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    /** A problem document as bytes, for servlets that answer errors themselves. */
    public static byte[] problemBody(int code, String message) {
        return body(code, message).getBytes(StandardCharsets.UTF_8);
    }

    static String body(int code, String message) {
        String title = HttpStatus.getMessage(code);
        String detail = switch (code) {
            case 404 -> "no such resource";
            case 413 -> "the request is too large" + (message == null ? "" : ": " + message);
            default -> message == null || message.isBlank() ? title : message;
        };
        Map<String, Object> m = new LinkedHashMap<>();
        String problemCode = code >= 500 ? "server_error" : "http_" + code;
        m.put("type", "https://plenum.example/problems/" + problemCode);
        m.put("title", title);
        m.put("status", code);
        m.put("detail", detail.length() > 300 ? detail.substring(0, 300) : detail);
        m.put("code", problemCode);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + code + "}";
        }
    }
}
