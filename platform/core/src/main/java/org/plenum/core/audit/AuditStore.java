package org.plenum.core.audit;

import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.plenum.api.PluginId;
import org.plenum.api.audit.AuditChain;
import org.plenum.api.audit.AuditChainId;
import org.plenum.api.audit.AuditLog;
import org.plenum.core.storage.Jdbc;

/**
 * The core's append-only, hash-chained audit log in PostgreSQL: every plugin's chains, per tenant.
 * The host hands each plugin {@link #forPlugin(PluginId)} as {@code PluginContext.audit()}; the core
 * itself (exports, admin views) reaches any chain through {@link #chain(AuditChainId)}.
 * {@snippet :
 * AuditLog votingAudit = core.audit.forPlugin(PluginId.of("voting"));    // for the voting plugin's context
 * AuditChain vote = votingAudit.chain(tenantId, "vote/" + voteId);
 * vote.append("vote.opened", JsonObject.of("question", question));
 * SignedHead sealed = vote.signHead();
 * boolean ours = core.audit.signingKeys().signedByServer(sealed);
 * }
 * The hash rule and the verifier are the SPI's ({@code AuditEntry}, {@code ChainVerification}); what
 * the database adds (append-only triggers, the recorded head) is described in
 * {@code V2__audit_log.sql} and {@code docs/architecture.md}.
 */
public final class AuditStore {

    private final Jdbc jdbc;
    private final Clock clock;
    private final AuditSigningKeys keys;

    /** Loads the server's Ed25519 signing key, creating it on the very first start. Blocking. */
    public AuditStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = new AuditSigningKeys(jdbc);
    }

    /** The log as plugin {@code owner} sees it: its own chains only. Cheap. */
    public AuditLog forPlugin(PluginId owner) {
        return new PluginAuditLog(Objects.requireNonNull(owner, "owner"), this);
    }

    /** Any chain, whoever owns it: for the core's own use, never for plugins. Cheap. */
    public AuditChain chain(AuditChainId id) {
        return new StoredAuditChain(id, jdbc, clock, keys);
    }

    /** The chains of {@code owner} in {@code tenantId} that have entries, by name. Blocking. */
    public List<AuditChainId> chains(UUID tenantId, PluginId owner) {
        return jdbc.list("select name from plenum.audit_chain where tenant_id = ? and owner = ? order by name",
                rs -> new AuditChainId(tenantId, owner, rs.getString(1)), tenantId, owner.value());
    }

    /** The server's head-signing keys: the current one, the history, rotation. */
    public AuditSigningKeys signingKeys() {
        return keys;
    }

    /** One plugin's view: {@link #chain} fixes the owner, so a plugin cannot name another's chain. */
    private record PluginAuditLog(PluginId owner, AuditStore store) implements AuditLog {

        @Override
        public AuditChain chain(UUID tenantId, String name) {
            return store.chain(new AuditChainId(Objects.requireNonNull(tenantId, "tenantId"), owner, name));
        }

        @Override
        public PublicKey signingKey() {
            return store.keys.current();
        }

        @Override
        public String toString() {
            return "AuditLog[" + owner + "]";
        }
    }
}
