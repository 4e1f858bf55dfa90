package org.plenum.core.signaling;

import java.time.Instant;
import java.util.UUID;
import org.plenum.core.signaling.frame.ServerMessage;

/** One person in a live room (admitted or waiting). Mutable, and touched only by its room's thread. */
final class Participant {

    enum Role {
        MODERATOR, PARTICIPANT, GUEST;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final String id;
    final UUID userId;
    final UUID inviteId;
    final boolean guest;
    final Instant arrivedAt;
    String displayName;
    Role role;
    boolean muted;
    /** The moderator whose mute the engine enforces until the participant unmutes themself; null otherwise. */
    String mutedBy;
    boolean videoMuted;
    /** Connection quality 1..5 from the media engine; null until known. */
    Integer quality;
    Instant handRaisedAt;
    /** The current socket, or null within the reconnect grace period. */
    ClientSession session;
    String resumeToken;
    /** Bumped on every disconnect and resume, so that a stale grace timer does nothing. */
    long graceEpoch;

    Participant(String id, JoinGrant grant, String displayName, Instant arrivedAt) {
        this.id = id;
        this.userId = grant.userId();
        this.inviteId = grant.inviteId();
        this.guest = grant.isGuest();
        this.displayName = displayName;
        this.arrivedAt = arrivedAt;
        this.role = grant.moderator() ? Role.MODERATOR : guest ? Role.GUEST : Role.PARTICIPANT;
    }

    boolean isModerator() {
        return role == Role.MODERATOR;
    }

    boolean handRaised() {
        return handRaisedAt != null;
    }

    /** Same account, or same invite: what a ban applies to. */
    boolean sameIdentity(UUID user, UUID invite) {
        return (userId != null && userId.equals(user)) || (inviteId != null && inviteId.equals(invite));
    }

    /** This participant as plugin modules see them (SPI type). */
    org.plenum.api.room.Participant pluginView() {
        return new org.plenum.api.room.Participant(id, java.util.Optional.ofNullable(userId), displayName,
                org.plenum.api.room.Role.valueOf(role.name()), org.plenum.api.room.Participant.ClientKind.BROWSER, session != null);
    }

    ServerMessage.ParticipantView view() {
        return new ServerMessage.ParticipantView(id, displayName, role.wireName(), guest, handRaised(), handRaisedAt, muted, session != null, videoMuted,
                mutedBy, quality);
    }

    ServerMessage.WaitingView waitingView() {
        return new ServerMessage.WaitingView(id, displayName, guest, arrivedAt);
    }
}
