package org.plenum.api.http;

import java.io.Serial;

/**
 * Ends an HTTP handler with an error response: the host writes RFC 9457
 * {@code application/problem+json} with {@link #status()} and the message as {@code detail}.
 * The detail is shown to the caller: say what was wrong and what to do, without other people's
 * data.
 * {@snippet :
 * throw HttpProblemException.conflict("the vote is still running; the report is available after it closes");
 * }
 */
public final class HttpProblemException extends RuntimeException {

    /** Serialisation version. */
    @Serial
    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;

    /**
     * A problem with a status 400..599 and a detail for the caller.
     *
     * @throws IllegalArgumentException for another status
     */
    public HttpProblemException(int status, String detail) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem response has a 4xx or 5xx status, not " + status);
        }
        this.status = status;
    }

    /** 400: the request is malformed or invalid. */
    public static HttpProblemException badRequest(String detail) {
        return new HttpProblemException(400, detail);
    }

    /** 401: the route needs a login. */
    public static HttpProblemException unauthorized(String detail) {
        return new HttpProblemException(401, detail);
    }

    /** 403: the caller may not do this. */
    public static HttpProblemException forbidden(String detail) {
        return new HttpProblemException(403, detail);
    }

    /** 404: no such thing (or not visible to the caller). */
    public static HttpProblemException notFound(String detail) {
        return new HttpProblemException(404, detail);
    }

    /** 409: the current state does not allow it. */
    public static HttpProblemException conflict(String detail) {
        return new HttpProblemException(409, detail);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
