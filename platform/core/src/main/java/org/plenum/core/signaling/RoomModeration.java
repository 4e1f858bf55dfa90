package org.plenum.core.signaling;

import java.util.ArrayList;
import java.util.List;
import org.plenum.core.signaling.frame.ClientMessage;
import org.plenum.core.signaling.frame.ClientMessage.Moderation;
import org.plenum.core.signaling.frame.ServerMessage;
import org.plenum.core.signaling.frame.SignalingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code moderation} namespace of one live room. Moderators only; runs on the room's thread. */
final class RoomModeration {

    private static final Logger log = LoggerFactory.getLogger(RoomModeration.class);

    private final LiveRoom room;

    RoomModeration(LiveRoom room) {
        this.room = room;
    }

    /** @return whether the request was answered already */
    boolean handle(Participant actor, Moderation m, String re) {
        LiveRoom.requireModerator(actor, "use " + "moderation/" + wireType(m));
        switch (m) {
            case ClientMessage.Admit a -> admit(actor, a.participantId());
            case ClientMessage.Reject r -> reject(actor, r.participantId());
            case ClientMessage.Kick k -> kick(actor, k.participantId());
            case ClientMessage.Ban b -> ban(actor, b.participantId());
            case ClientMessage.Mute mu -> mute(actor, mu.participantId());
            case ClientMessage.Lock l -> lock(actor, true);
            case ClientMessage.Unlock u -> lock(actor, false);
            case ClientMessage.Promote p -> setRole(actor, p.participantId(), true);
            case ClientMessage.Demote d -> setRole(actor, d.participantId(), false);
            case ClientMessage.EndMeeting e -> {
                // answered before the sockets close
                if (re != null) {
                    actor.session.send(new ServerMessage.Ok("moderation"), re);
                }
                room.end("ended", actor.id);
                return true;
            }
        }
        return false;
    }

    private void admit(Participant actor, String participantId) {
        Participant w = room.takeWaiting(participantId);
        audit("admit", actor, w);
        room.admit(w, null);
        room.sendWaitingList();
    }

    private void reject(Participant actor, String participantId) {
        Participant w = room.takeWaiting(participantId);
        audit("reject", actor, w);
        room.forgetSession(w.session);
        w.session.send(new ServerMessage.Rejected(), null);
        w.session.close(CloseCode.REFUSED, "not admitted by a moderator");
        room.sendWaitingList();
    }

    private void kick(Participant actor, String participantId) {
        Participant t = room.participant(participantId);
        if (t == actor) {
            throw SignalingException.invalid("you cannot remove yourself; send control/leave");
        }
        audit("kick", actor, t);
        removeFromRoom(t, "kicked");
    }

    /**
     * Persists the ban first (if the database fails, nothing else happens), then removes everyone of that
     * identity: the same account, or everyone who came through the same invite.
     */
    private void ban(Participant actor, String participantId) {
        Participant t = room.participants.containsKey(participantId) ? room.participants.get(participantId) : room.waiting.get(participantId);
        if (t == null) {
            throw SignalingException.notFound("no participant with id " + participantId + " is in this room or its waiting room");
        }
        if (t == actor) {
            throw SignalingException.invalid("you cannot ban yourself");
        }
        room.ban(t.userId, t.inviteId);
        audit("ban", actor, t);
        for (Participant p : new ArrayList<>(room.participants.values())) {
            if (p.sameIdentity(t.userId, t.inviteId)) {
                removeFromRoom(p, "banned");
            }
        }
        boolean waitingChanged = false;
        for (Participant w : new ArrayList<>(room.waiting.values())) {
            if (w.sameIdentity(t.userId, t.inviteId)) {
                room.takeWaiting(w.id);
                room.forgetSession(w.session);
                w.session.send(new ServerMessage.Removed("banned"), null);
                w.session.close(CloseCode.REMOVED, "banned by a moderator");
                waitingChanged = true;
            }
        }
        if (waitingChanged) {
            room.sendWaitingList();
        }
    }

    private void removeFromRoom(Participant t, String reason) {
        ClientSession s = t.session;
        room.remove(t, reason);
        if (s != null) {
            s.send(new ServerMessage.Removed(reason), null);
            s.close(CloseCode.REMOVED, reason + " by a moderator");
        }
    }

    /**
     * Mutes a participant for everyone: the media engine drops their audio from now on, whatever their
     * client does, until they unmute themselves (which everyone sees).
     */
    private void mute(Participant actor, String participantId) {
        Participant t = room.participant(participantId);
        audit("mute", actor, t);
        boolean announce = !t.muted || t.mutedBy == null;
        t.muted = true;
        t.mutedBy = actor.id;
        room.media.mutedByModerator(t);
        if (announce) {
            room.broadcast(new ServerMessage.ParticipantUpdated(t.view(), List.of("muted")), null);
        }
    }

    private void lock(Participant actor, boolean locked) {
        room.lock(locked);
        log.atInfo().setMessage(locked ? "room locked" : "room unlocked").addKeyValue("room", room.id).addKeyValue("by", actor.id).log();
        room.broadcast(new ServerMessage.RoomUpdated(room.roomView(), actor.id), null);
    }

    private void setRole(Participant actor, String participantId, boolean moderator) {
        Participant t = room.participant(participantId);
        Participant.Role role = moderator ? Participant.Role.MODERATOR : t.guest ? Participant.Role.GUEST : Participant.Role.PARTICIPANT;
        if (t.role == role) {
            return;
        }
        audit(moderator ? "promote" : "demote", actor, t);
        Participant.Role previous = t.role;
        t.role = role;
        room.broadcast(new ServerMessage.ParticipantUpdated(t.view(), List.of("role")), null);
        room.roleChanged(t, previous);
        if (moderator) {
            room.sendTo(t, new ServerMessage.WaitingList(room.waitingViews()));
        }
    }

    private void audit(String action, Participant actor, Participant target) {
        log.atInfo().setMessage("moderation").addKeyValue("room", room.id).addKeyValue("action", action)
                .addKeyValue("by", actor.id).addKeyValue("target", target.id).log();
    }

    private static String wireType(Moderation m) {
        return switch (m) {
            case ClientMessage.Admit a -> "admit";
            case ClientMessage.Reject r -> "reject";
            case ClientMessage.Kick k -> "kick";
            case ClientMessage.Ban b -> "ban";
            case ClientMessage.Mute mu -> "mute";
            case ClientMessage.Lock l -> "lock";
            case ClientMessage.Unlock u -> "unlock";
            case ClientMessage.Promote p -> "promote";
            case ClientMessage.Demote d -> "demote";
            case ClientMessage.EndMeeting e -> "end_meeting";
        };
    }
}
