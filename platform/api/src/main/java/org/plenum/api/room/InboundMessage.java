package org.plenum.api.room;

import java.util.Objects;
import java.util.Optional;
import org.plenum.api.json.JsonObject;

/**
 * A message a participant sent in the plugin's namespace: the frame
 * {@code {"ns": "<plugin id>", "type": …, "id": …, "body": {…}}}, already checked by the host for
 * size, rate and envelope, but not for the body's content: that is the module's job (the
 * {@link JsonObject} accessors make it short).
 * {@snippet :
 * public void onMessage(InboundMessage message) {
 *     switch (message.type()) {
 *         case "raise" -> raise(message.sender());
 *         case "lower" -> lower(message.sender());
 *         default -> throw MessageRefusedException.unknownType(message);
 *     }
 * }
 * }
 *
 * @param sender the participant who sent it, as they are now
 * @param type   the message type
 * @param id     the client's transaction id, if it sent one; {@link RoomContext#reply} echoes it
 * @param body   the body ({@code {}} when the frame had none)
 */
public record InboundMessage(Participant sender, String type, Optional<String> id, JsonObject body) {

    /** All fields are required. */
    public InboundMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
    }
}
