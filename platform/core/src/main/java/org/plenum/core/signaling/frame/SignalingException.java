package org.plenum.core.signaling.frame;

/** A request refused with an {@code error} frame; the message tells the client what was wrong. */
public final class SignalingException extends RuntimeException {

    private final ErrorCode code;

    public SignalingException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static SignalingException forbidden(String message) {
        return new SignalingException(ErrorCode.FORBIDDEN, message);
    }

    public static SignalingException notFound(String message) {
        return new SignalingException(ErrorCode.NOT_FOUND, message);
    }

    public static SignalingException invalid(String message) {
        return new SignalingException(ErrorCode.INVALID_REQUEST, message);
    }
}
