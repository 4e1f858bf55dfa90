package org.plenum.api.http;

/**
 * The HTTP methods a plugin route can answer. {@code HEAD} and {@code OPTIONS} are answered by the
 * host.
 * {@snippet :
 * context.http().route(HttpMethod.PATCH, "/drafts/{draftId}", this::patchDraft);
 * }
 */
public enum HttpMethod {
    /** Read. */
    GET,
    /** Create or act. */
    POST,
    /** Replace. */
    PUT,
    /** Change part. */
    PATCH,
    /** Remove. */
    DELETE
}
