package org.plenum.api.http;

/**
 * Answers requests to one plugin route. Runs on a request thread (a virtual thread): it may block
 * (JDBC, audit log), and many may run at once, so shared state must be thread-safe. To act on a
 * live room, go through {@link org.plenum.api.room.RoomDirectory#call}.
 *
 * <p>What the host does with what escapes: {@link HttpProblemException} becomes an RFC 9457
 * {@code application/problem+json} response with its status and detail;
 * {@link org.plenum.api.json.JsonException} (a bad request body) becomes a 400 with its message;
 * anything else becomes a 500 with a reference id that is also logged, never a stack trace.
 * {@snippet :
 * HttpHandler tally = request -> {
 *     UUID voteId = parseVoteId(request.pathParameter("voteId"));
 *     Vote vote = store.find(request.requireCaller().tenantId(), voteId)
 *             .orElseThrow(() -> HttpProblemException.notFound("no such vote"));
 *     return HttpResponse.ok(vote.tallyJson());
 * };
 * }
 * Implemented by plugins.
 */
@FunctionalInterface
public interface HttpHandler {

    /** The response to {@code request}. */
    HttpResponse handle(HttpRequest request) throws Exception;
}
