package org.plenum.core.signaling;

import org.plenum.core.signaling.frame.ClientMessage;
import org.plenum.core.signaling.frame.ServerMessage;
import org.plenum.core.signaling.frame.SignalingException;

/** The {@code chat} namespace of one live room. Chat text is never logged or stored on disk. */
final class RoomChat {

    private final LiveRoom room;
    private long sequence;

    RoomChat(LiveRoom room) {
        this.room = room;
    }

    boolean handle(Participant sender, ClientMessage.Chat c) {
        switch (c) {
            case ClientMessage.Send s -> send(sender, s);
            case ClientMessage.Clear cl -> clear(sender);
        }
        return false;
    }

    private void send(Participant sender, ClientMessage.Send s) {
        Participant recipient = null;
        if (s.to() != null) {
            recipient = room.participant(s.to());
            if (recipient == sender) {
                throw SignalingException.invalid("a private message needs another participant as recipient");
            }
        }
        ServerMessage.ChatLine line = new ServerMessage.ChatLine("m-" + (++sequence), sender.id, sender.displayName,
                s.to(), recipient != null, s.text(), room.hub.clock.instant());
        room.chat.add(line);
        ServerMessage.Message m = new ServerMessage.Message(line);
        if (recipient == null) {
            room.broadcast(m, null);
        } else {
            String frame = room.hub.writer.encode(m, null);
            if (sender.session != null) {
                sender.session.send(frame);
            }
            if (recipient.session != null) {
                recipient.session.send(frame);
            }
        }
    }

    private void clear(Participant actor) {
        LiveRoom.requireModerator(actor, "clear the chat");
        room.chat.clear();
        room.broadcast(new ServerMessage.Cleared(actor.id), null);
    }
}
