package ${package};

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;

/**
 * Shared notes in one room (an example to replace with your own module). Runs on the room's thread only.
 * <ul>
 *   <li>{@code add} {"text": "..."}: anyone adds a note; everyone gets {@code added} {"note": {...}}.</li>
 *   <li>{@code clear} {}: moderators remove all notes; everyone gets {@code cleared} {}.</li>
 *   <li>Join snapshot: {"notes": [...]} for people who join later or reconnect.</li>
 * </ul>
 * Refusals: {@code forbidden} (role), {@code invalid_message} (missing or wrong fields, thrown by the JSON
 * accessors), {@code invalid_request} (values out of range), {@code conflict} (too many notes), {@code unknown_type}.
 */
public final class NotesModule implements RoomModule {

    static final int MAX_TEXT = 200;
    static final int MAX_NOTES = 50;

    private final RoomContext room;
    private final List<JsonObject> notes = new ArrayList<>();
    private int counter;

    NotesModule(RoomContext room) {
        this.room = room;
    }

    @Override
    public void onMessage(InboundMessage message) {
        switch (message.type()) {
            case "add" -> add(message);
            case "clear" -> clear(message);
            default -> throw MessageRefusedException.unknownType(message);
        }
    }

    private void add(InboundMessage message) {
        String text = message.body().getString("text").strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw MessageRefusedException.invalidRequest("a note has 1 to " + MAX_TEXT + " characters");
        }
        if (notes.size() >= MAX_NOTES) {
            throw MessageRefusedException.conflict("this room has " + MAX_NOTES + " notes already; a moderator can clear them");
        }
        Participant author = message.sender();
        JsonObject note = JsonObject.of("id", ++counter, "text", text, "author", author.displayName());
        notes.add(note);
        room.sendToAll("added", JsonObject.of("note", note));
    }

    private void clear(InboundMessage message) {
        if (!message.sender().isModerator()) {
            throw MessageRefusedException.forbidden("only moderators can clear the notes");
        }
        notes.clear();
        room.sendToAll("cleared", JsonObject.of());
    }

    @Override
    public Optional<JsonObject> joinSnapshot(Participant participant) {
        return Optional.of(JsonObject.of("notes", notes));
    }
}
