package org.plenum.core.signaling;

import java.util.UUID;

/**
 * What a signaling ticket entitles its holder to: entering one room under one identity. Decided when
 * the ticket is issued (REST, where authentication happens) and trusted by the signaling layer.
 *
 * @param userId    the user, or null for a guest
 * @param inviteId  the invite a guest came through, or null for a user
 * @param moderator whether the holder moderates this room (owner, tenant admin, moderator role)
 */
public record JoinGrant(String roomId, UUID tenantId, UUID userId, UUID inviteId, String displayName, boolean moderator) {

    public boolean isGuest() {
        return userId == null;
    }
}
