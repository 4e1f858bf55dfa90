package org.plenum.media.stun;

/**
 * The ERROR-CODE attribute (RFC 8489 §14.8): a code 300..699 and a human-readable reason.
 *
 * @param code   the error code, e.g. 401
 * @param reason the reason phrase (UTF-8, at most 127 characters)
 */
public record StunErrorCode(int code, String reason) {

    public static final int TRY_ALTERNATE = 300;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHENTICATED = 401;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    public static final int STALE_NONCE = 438;
    public static final int ROLE_CONFLICT = 487;
    public static final int SERVER_ERROR = 500;

    public StunErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("STUN error code must be 300..699: " + code);
        }
        if (reason == null) {
            reason = "";
        }
        if (reason.length() > 127) {
            throw new IllegalArgumentException("STUN reason phrase must be at most 127 characters");
        }
    }
}
