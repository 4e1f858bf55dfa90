package org.plenum.api.json;

import java.io.Serial;

/**
 * JSON that could not be parsed, or a value that is missing or of the wrong kind. The message says
 * what was wrong and where, never echoes the offending input at length, and is fit to be shown to
 * the client that sent it: when a {@code RoomModule.onMessage} or an HTTP handler lets one escape,
 * the host answers {@code invalid_message} (signaling) or {@code 400} (REST) with this message.
 * {@snippet :
 * try {
 *     int seats = settings.getInt("seats");
 * } catch (JsonException e) {
 *     log.log(System.Logger.Level.WARNING, "bad settings: " + e.getMessage()); // "field 'seats' is missing"
 * }
 * }
 */
public final class JsonException extends IllegalArgumentException {

    /** Serialisation version. */
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with a message written for the client that sent the JSON. */
    public JsonException(String message) {
        super(message);
    }
}
