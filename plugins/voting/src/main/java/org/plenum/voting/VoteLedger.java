package org.plenum.voting;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.plenum.api.audit.AuditChain;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.audit.AuditLog;
import org.plenum.api.json.JsonObject;

/**
 * A vote's ledger: its own chain {@code vote/<vote id>} in the core's hash-chained audit log. Every call
 * blocks. Entry types and payloads are listed in docs/plugins/voting.md, "Ledger".
 */
final class VoteLedger {

    static final String OPENED = "vote.opened";
    static final String ELIGIBILITY = "eligibility.set";
    static final String CREDENTIAL_ISSUED = "credential.issued";
    static final String CREDENTIAL_REFUSED = "credential.refused";
    static final String BALLOT_ACCEPTED = "ballot.accepted";
    static final String BALLOT_REFUSED = "ballot.refused";
    static final String FAULT = "fault.reported";
    static final String CHAIR_CHANGED = "vote.chair_changed";
    static final String CLOSED = "vote.closed";

    private final AuditLog audit;

    VoteLedger(AuditLog audit) {
        this.audit = audit;
    }

    static String chainName(UUID voteId) {
        return "vote/" + voteId;
    }

    AuditChain chain(UUID tenantId, UUID voteId) {
        return audit.chain(tenantId, chainName(voteId));
    }

    AuditEntry append(UUID tenantId, UUID voteId, String type, JsonObject payload) {
        return chain(tenantId, voteId).append(type, payload);
    }

    /** Every entry, in sequence order. */
    List<AuditEntry> readAll(UUID tenantId, UUID voteId) {
        AuditChain chain = chain(tenantId, voteId);
        List<AuditEntry> all = new ArrayList<>();
        long from = 1;
        while (true) {
            List<AuditEntry> page = chain.read(from, AuditChain.MAX_READ);
            all.addAll(page);
            if (page.size() < AuditChain.MAX_READ) {
                return all;
            }
            from = page.getLast().sequence() + 1;
        }
    }
}
