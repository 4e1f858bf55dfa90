package org.plenum.api.room;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A person admitted to a room, as a room module sees them: a snapshot, replaced (not changed) when
 * the role or connection changes. People in the waiting room are not participants yet.
 * {@snippet :
 * public void onJoin(Participant p) {
 *     boolean eligible = !p.isGuest() && p.client() == Participant.ClientKind.BROWSER;
 *     room.sendTo(p, "eligibility", JsonObject.of("eligible", eligible));
 * }
 * }
 *
 * @param id          the participant id in this meeting (stable across reconnects, not across meetings)
 * @param userId      the account, or empty for a guest who came through an invite
 * @param displayName the name shown to others (personal data: do not log it at INFO)
 * @param role        the current role
 * @param client      how they are connected
 * @param connected   false while their connection is lost and the reconnect grace period runs;
 *                    they still count as in the room until {@link RoomModule#onLeave}
 */
public record Participant(String id, Optional<UUID> userId, String displayName, Role role, ClientKind client, boolean connected) {

    /** All fields are required. */
    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(client, "client");
    }

    /** Whether they have no account (joined through an invite). */
    public boolean isGuest() {
        return userId.isEmpty();
    }

    /** Whether their role is {@link Role#MODERATOR}. */
    public boolean isModerator() {
        return role == Role.MODERATOR;
    }

    /** A copy with another role. */
    public Participant withRole(Role newRole) {
        return new Participant(id, userId, displayName, newRole, client, connected);
    }

    /** A copy with another connection state. */
    public Participant withConnected(boolean nowConnected) {
        return new Participant(id, userId, displayName, role, client, nowConnected);
    }

    /**
     * How a participant takes part. Council rules often treat telephone participants differently
     * (they cannot vote by button). More kinds may come in minor versions.
     */
    public enum ClientKind {
        /** The web client. */
        BROWSER,
        /** A telephone, through the SIP gateway. */
        PHONE,
        /** A meeting-room system (SIP/H.323 video endpoint) that may hold several people. */
        ROOM_SYSTEM
    }
}
