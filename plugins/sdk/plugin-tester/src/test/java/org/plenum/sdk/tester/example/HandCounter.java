package org.plenum.sdk.tester.example;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;

/**
 * The smallest useful room module: counts raised hands in the namespace {@code hand-counter}.
 * Messages: {@code raise}, {@code lower}, {@code lower_all} (moderators). It sends {@code count}
 * to everyone when the count changes, and the count to late joiners in their join snapshot.
 */
public final class HandCounter implements RoomModule {

    private final RoomContext room;
    private final Set<String> raised = new LinkedHashSet<>();

    public HandCounter(RoomContext room) {
        this.room = room;
    }

    @Override
    public void onMessage(InboundMessage message) {
        String sender = message.sender().id();
        boolean changed = switch (message.type()) {
            case "raise" -> raised.add(sender);
            case "lower" -> raised.remove(sender);
            case "lower_all" -> {
                if (!message.sender().isModerator()) {
                    throw MessageRefusedException.forbidden("only moderators lower everyone's hands");
                }
                boolean any = !raised.isEmpty();
                raised.clear();
                yield any;
            }
            default -> throw MessageRefusedException.unknownType(message);
        };
        if (changed) {
            announce();
        }
    }

    @Override
    public void onLeave(Participant participant, LeaveReason reason) {
        if (raised.remove(participant.id())) {
            announce();
        }
    }

    @Override
    public Optional<JsonObject> joinSnapshot(Participant participant) {
        return Optional.of(JsonObject.of("raised", raised.size(), "mine", raised.contains(participant.id())));
    }

    private void announce() {
        room.sendToAll("count", JsonObject.of("raised", raised.size()));
    }
}
