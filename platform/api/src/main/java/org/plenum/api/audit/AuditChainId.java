package org.plenum.api.audit;

import java.util.Objects;
import java.util.UUID;
import org.plenum.api.PluginId;

/**
 * Names one hash chain in the audit log: a tenant's, owned by one plugin, with a name the plugin
 * chooses — typically one chain per vote or per session, so that each has its own final hash to
 * print in its report and can be verified on its own.
 * {@snippet :
 * AuditChainId id = new AuditChainId(tenantId, PluginId.of("voting"), "vote/" + voteId);
 * String text = id.toString();   // "<tenant uuid>/voting/vote/<vote uuid>"
 * }
 *
 * @param tenantId the tenant the records belong to (retention and export follow the tenant)
 * @param owner    the plugin that writes the chain; only it can append
 * @param name     1 to 128 characters of {@code A-Z a-z 0-9 . _ : / -}
 */
public record AuditChainId(UUID tenantId, PluginId owner, String name) {

    /** Checks the name. @throws IllegalArgumentException for a bad name */
    public AuditChainId {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 128 || !name.matches("[A-Za-z0-9._:/-]+")) {
            throw new IllegalArgumentException("audit chain name '" + (name.length() > 128 ? name.substring(0, 128) + "…" : name)
                    + "' must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':', '/' and '-'");
        }
    }

    /** {@code tenant/owner/name}: the chain's identity inside every hash. */
    @Override
    public String toString() {
        return tenantId + "/" + owner + "/" + name;
    }
}
