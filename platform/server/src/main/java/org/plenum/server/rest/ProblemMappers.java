package org.plenum.server.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.plenum.core.error.Problem;
import org.plenum.core.security.SecureTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure leaves the REST API as a problem document; no stack trace ever reaches a caller. */
public final class ProblemMappers {

    private static final Logger log = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    @Provider
    public static final class ForProblem implements ExceptionMapper<Problem> {
        @Override
        public Response toResponse(Problem p) {
            Response r = ProblemResponses.of(p.kind().status, p.kind().code, p.kind().title, p.detail());
            if (p.kind() == Problem.Kind.UNAUTHENTICATED) {
                return Response.fromResponse(r).header("WWW-Authenticate", "Bearer").build();
            }
            if (p.retryAfterSeconds() > 0) {
                return Response.fromResponse(r).header("Retry-After", Long.toString(p.retryAfterSeconds())).build();
            }
            return r;
        }
    }

    @Provider
    public static final class ForJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            String detail = switch (e) {
                case UnrecognizedPropertyException u -> "unknown field '" + u.getPropertyName() + "'";
                default -> "the request body is not valid JSON of the expected shape: " + e.getOriginalMessage();
            };
            return ProblemResponses.of(400, "invalid_json", "Invalid JSON", truncate(detail));
        }
    }

    @Provider
    public static final class ForWebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String detail = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "this method is not allowed on this resource";
                case 406 -> "this resource answers with application/json only";
                case 415 -> "send the request body as application/json";
                default -> e.getMessage() == null ? "the request could not be processed" : e.getMessage();
            };
            Response.Status.Family family = Response.Status.Family.familyOf(status);
            String code = family == Response.Status.Family.CLIENT_ERROR ? "http_" + status : "server_error";
            Response.StatusType type = Response.Status.fromStatusCode(status);
            return ProblemResponses.of(status, code, type == null ? "Error" : type.getReasonPhrase(), detail);
        }
    }

    @Provider
    public static final class ForAnythingElse implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable t) {
            String reference = SecureTokens.urlSafe(6);
            log.atError().setMessage("request failed").addKeyValue("reference", reference).setCause(t).log();
            return ProblemResponses.of(500, "internal_error", "Internal error",
                    "the server failed to handle this request; quote reference " + reference + " to the operators");
        }
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
