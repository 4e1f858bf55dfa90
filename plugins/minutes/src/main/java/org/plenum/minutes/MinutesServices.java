package org.plenum.minutes;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.plenum.api.audit.AuditLog;
import org.plenum.api.json.JsonObject;
import org.plenum.minutes.document.Revision;

/**
 * What the room modules share: the plugin's logger, the agenda providers and the audit log, where the key actions
 * on minutes go (one chain per document, {@code minutes/<document id>}): creation, appointing and revoking
 * minute-takers, approvals, finalising (with the PDF's hash), corrections and the next session's decision. The
 * entries carry the revision's number, type and hash and who acted, not the text.
 */
record MinutesServices(System.Logger log, AgendaSources agendas, AuditLog auditLog) {

    /** The revision types that are also audit records. */
    static final Set<String> AUDITED = Set.of("created", "taker_appointed", "taker_revoked", "approved", "finalised", "correction",
            "session_decision");

    /** Appends the audited ones among {@code revisions}. Blocking. */
    void audit(UUID tenantId, List<Revision> revisions) {
        for (Revision r : revisions) {
            if (AUDITED.contains(r.type())) {
                JsonObject.Builder b = JsonObject.builder().put("seq", r.seq()).put("revisionHash", r.hash()).put("by", r.actor().key());
                if (r.type().equals("finalised")) {
                    b.put("version", r.payload().getInt("version")).put("sha256", r.payload().getString("sha256"))
                            .put("publicSha256", r.payload().getString("publicSha256"));
                }
                if (r.type().equals("approved")) {
                    b.put("as", r.payload().getString("as")).put("revision", r.payload().getLong("revision"));
                }
                if (r.type().equals("session_decision")) {
                    b.put("decision", r.payload().getString("decision"));
                }
                auditLog.chain(tenantId, "minutes/" + r.documentId()).append("minutes." + r.type().replace('_', '-'), b.build());
            }
        }
    }
}
