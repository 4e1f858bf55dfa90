package org.plenum.core.user;

import java.util.UUID;

/** A person known to the platform, either with a local account or through an OIDC issuer. */
public record User(UUID id, UUID tenantId, String username, String displayName, PlatformRole role,
                   String issuer, String subject) {
}
