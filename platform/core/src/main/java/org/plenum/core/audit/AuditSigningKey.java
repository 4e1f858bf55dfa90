package org.plenum.core.audit;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One of the server's Ed25519 keys for signing audit chain heads, as kept in the key history: the
 * current one, or a retired one whose public half stays so that heads it signed remain checkable.
 *
 * @param fingerprint SHA-256 of the X.509-encoded public key, lower-case hex
 *                    ({@link org.plenum.api.audit.SignedHead#publicKeyFingerprint()}): what
 *                    reports print and operators publish
 * @param publicKey   the public key
 * @param createdAt   when the key was created
 * @param retiredAt   when a rotation replaced it; empty for the current key
 */
public record AuditSigningKey(String fingerprint, PublicKey publicKey, Instant createdAt, Optional<Instant> retiredAt) {

    public AuditSigningKey {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
    }

    /** Whether this is the key the server signs with now. */
    public boolean isCurrent() {
        return retiredAt.isEmpty();
    }
}
