package org.plenum.core.signaling;

import java.util.Comparator;
import java.util.List;
import org.plenum.core.signaling.frame.ClientMessage;
import org.plenum.core.signaling.frame.ServerMessage;

/** The {@code hand} namespace of one live room: the queue of raised hands, ordered by time. */
final class RaisedHands {

    private final LiveRoom room;

    RaisedHands(LiveRoom room) {
        this.room = room;
    }

    boolean handle(Participant actor, ClientMessage.Hand h) {
        switch (h) {
            case ClientMessage.Raise r -> raise(actor);
            case ClientMessage.Lower l -> lower(actor, l.participantId());
            case ClientMessage.LowerAll a -> lowerAll(actor);
        }
        return false;
    }

    private void raise(Participant p) {
        if (!p.handRaised()) {
            p.handRaisedAt = room.hub.clock.instant();
            announce(p);
        }
    }

    private void lower(Participant actor, String participantId) {
        Participant target = participantId == null ? actor : room.participant(participantId);
        if (target != actor) {
            LiveRoom.requireModerator(actor, "lower someone else's hand");
        }
        if (target.handRaised()) {
            target.handRaisedAt = null;
            announce(target);
        }
    }

    private void lowerAll(Participant actor) {
        LiveRoom.requireModerator(actor, "lower all hands");
        List<Participant> raised = room.participants.values().stream().filter(Participant::handRaised)
                .sorted(Comparator.comparing((Participant p) -> p.handRaisedAt)).toList();
        for (Participant p : raised) {
            p.handRaisedAt = null;
            announce(p);
        }
    }

    private void announce(Participant p) {
        room.broadcast(new ServerMessage.ParticipantUpdated(p.view(), List.of("hand")), null);
    }
}
