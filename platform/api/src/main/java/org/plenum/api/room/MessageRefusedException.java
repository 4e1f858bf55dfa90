package org.plenum.api.room;

import java.io.Serial;
import java.util.Objects;

/**
 * Thrown from {@link RoomModule#onMessage} to refuse a message: the host answers the sender with an
 * {@code error} frame in the plugin's namespace carrying {@link #code()} and the message, and
 * echoes the client's transaction id. The room and the module go on; nothing counts as a plugin
 * failure. The message is shown to the sender: write it for them, in the UI's language if you can,
 * and never include other people's data.
 * {@snippet :
 * if (!message.sender().isModerator()) {
 *     throw MessageRefusedException.forbidden("only moderators can close the vote");
 * }
 * if (vote == null) {
 *     throw new MessageRefusedException(RefusalCode.CONFLICT, "no vote is running");
 * }
 * }
 * To refuse later (after {@link RoomContext#offload} work), use {@link RoomContext#refuse}.
 */
public final class MessageRefusedException extends RuntimeException {

    /** Serialisation version. */
    @Serial
    private static final long serialVersionUID = 1L;

    /** The error code. */
    private final RefusalCode code;

    /** A refusal with a code and a message for the sender. */
    public MessageRefusedException(RefusalCode code, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** {@link RefusalCode#FORBIDDEN}. */
    public static MessageRefusedException forbidden(String message) {
        return new MessageRefusedException(RefusalCode.FORBIDDEN, message);
    }

    /** {@link RefusalCode#INVALID_REQUEST}. */
    public static MessageRefusedException invalidRequest(String message) {
        return new MessageRefusedException(RefusalCode.INVALID_REQUEST, message);
    }

    /** {@link RefusalCode#CONFLICT}. */
    public static MessageRefusedException conflict(String message) {
        return new MessageRefusedException(RefusalCode.CONFLICT, message);
    }

    /** {@link RefusalCode#UNKNOWN_TYPE} for a type the module does not handle. */
    public static MessageRefusedException unknownType(InboundMessage message) {
        return new MessageRefusedException(RefusalCode.UNKNOWN_TYPE, "no message type '" + message.type() + "' here");
    }

    /** The error code the sender gets. */
    public RefusalCode code() {
        return code;
    }
}
