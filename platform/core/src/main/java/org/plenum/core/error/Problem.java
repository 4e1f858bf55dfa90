package org.plenum.core.error;

/**
 * A request the core refuses, with a detail a person can act on. The HTTP layer turns it into an
 * RFC 9457 problem document, the signaling layer into an {@code error} frame.
 */
public final class Problem extends RuntimeException {

    /** The closed set of refusals, each with its HTTP status and a stable machine-readable code. */
    public enum Kind {
        INVALID(400, "invalid_request", "Invalid request"),
        UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
        FORBIDDEN(403, "forbidden", "Forbidden"),
        NOT_FOUND(404, "not_found", "Not found"),
        CONFLICT(409, "conflict", "Conflict"),
        GONE(410, "gone", "Gone"),
        TOO_LARGE(413, "too_large", "Request too large"),
        RATE_LIMITED(429, "rate_limited", "Too many requests"),
        UNAVAILABLE(503, "unavailable", "Service unavailable");

        public final int status;
        public final String code;
        public final String title;

        Kind(int status, String code, String title) {
            this.status = status;
            this.code = code;
            this.title = title;
        }
    }

    private final Kind kind;
    private final long retryAfterSeconds;

    public Problem(Kind kind, String detail) {
        this(kind, detail, 0);
    }

    private Problem(Kind kind, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Too many attempts; the caller may try again after the given number of seconds. */
    public static Problem rateLimited(String detail, long retryAfterSeconds) {
        return new Problem(Kind.RATE_LIMITED, detail, retryAfterSeconds);
    }

    /** Seconds until a retry may succeed, or 0 when that is not known. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    public String detail() {
        return getMessage();
    }

    public static Problem invalid(String detail) {
        return new Problem(Kind.INVALID, detail);
    }

    public static Problem unauthenticated(String detail) {
        return new Problem(Kind.UNAUTHENTICATED, detail);
    }

    public static Problem forbidden(String detail) {
        return new Problem(Kind.FORBIDDEN, detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(Kind.NOT_FOUND, detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(Kind.CONFLICT, detail);
    }
}
