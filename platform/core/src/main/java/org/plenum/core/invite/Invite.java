package org.plenum.core.invite;

import java.time.Instant;
import java.util.UUID;

/** A guest link into one room: an unguessable token that works until it expires or is revoked. */
public record Invite(UUID id, String roomId, String token, String label, UUID createdBy, Instant createdAt,
                     Instant expiresAt, Instant revokedAt) {

    public boolean usableAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
