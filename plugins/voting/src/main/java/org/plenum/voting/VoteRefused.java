package org.plenum.voting;

import org.plenum.api.room.RefusalCode;

/** A ballot, credential or command the rules refuse: the code for the sender, the reason for the ledger. */
final class VoteRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RefusalCode code;
    private final String reason;

    /**
     * @param code    the refusal code (and HTTP status) the sender gets
     * @param reason  a short machine-readable reason, ledgered: {@code vote_closed}, {@code already_voted}, …
     * @param message a sentence for the sender
     */
    VoteRefused(RefusalCode code, String reason, String message) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
    }

    RefusalCode code() {
        return code;
    }

    String reason() {
        return reason;
    }

    int httpStatus() {
        return switch (code) {
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            default -> 400;
        };
    }
}
