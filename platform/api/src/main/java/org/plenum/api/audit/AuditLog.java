package org.plenum.api.audit;

import java.security.PublicKey;
import java.util.UUID;

/**
 * The core's append-only, hash-chained audit log, as one plugin sees it: chains of its own, per
 * tenant, created by their first append. The core keeps one log for every plugin and its own
 * records (administration); a plugin can write and read only its own chains. To show another
 * plugin's chain (the minutes attaching a vote's log), the owner exports a service for it.
 * {@snippet :
 * AuditLog audit = context.audit();
 * AuditChain session = audit.chain(tenantId, "session/" + sessionId);
 * session.append("session.paused", JsonObject.of("reason", "connection fault reported", "by", chairId));
 *
 * String fingerprint = SignedHead.fingerprint(audit.signingKey().getEncoded());   // for the report footer
 * }
 * Implemented by the host (and by the {@code PluginTester}).
 */
public interface AuditLog {

    /**
     * The chain {@code name} of {@code tenantId}, owned by this plugin. Cheap; the chain exists in
     * storage from its first append.
     *
     * @throws IllegalArgumentException for a bad name (see {@link AuditChainId})
     */
    AuditChain chain(UUID tenantId, String name);

    /** The public half of the server's Ed25519 key that signs chain heads now. */
    PublicKey signingKey();
}
