package org.plenum.core.access;

import java.util.UUID;
import org.plenum.core.user.PlatformRole;

/**
 * Who is making a request, after their bearer token was verified: a local account or an OIDC identity,
 * already mapped to a Plenum user, tenant and platform role.
 */
public record Caller(UUID userId, UUID tenantId, String displayName, PlatformRole role) {

    public boolean isPlatformAdmin() {
        return role == PlatformRole.PLATFORM_ADMIN;
    }
}
