package org.plenum.voting.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.audit.AuditEntry;

/**
 * Read access to closed votes for dependent plugins (the minutes attach a vote's result, ledger and report).
 * Every method blocks (database, audit log): call it from your executor or through {@code RoomContext.offload}.
 * {@snippet :
 * VoteRecords votes = context.services().require(VoteRecords.class);
 * room.offload(() -> votes.report(tenantId, voteId, Locale.GERMAN), (pdf, failure) -> attach(pdf));
 * }
 */
public interface VoteRecords {

    /** The result of a closed (or cancelled) vote of the tenant; empty while it runs or if there is none. */
    Optional<VoteClosed> result(UUID tenantId, UUID voteId);

    /** The vote's ledger: every entry of its audit chain, in order. Empty if there is no such vote. */
    List<AuditEntry> ledger(UUID tenantId, UUID voteId);

    /** The PDF/A report of a closed vote, in German or English. @throws IllegalStateException while it runs */
    Optional<byte[]> report(UUID tenantId, UUID voteId, Locale language);
}
