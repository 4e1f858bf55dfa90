package org.plenum.api.audit;

import java.util.List;
import java.util.Optional;
import org.plenum.api.json.JsonObject;

/**
 * One append-only, hash-chained sequence of audit records (see {@link AuditEntry} for the hash
 * and {@link ChainVerification} for what verification detects). The host stores entries in the
 * core's database, where no role may update or delete them; there is no API to do either.
 *
 * <p>All methods block (database): call them from the plugin's executor, an HTTP handler or a
 * room module's {@link org.plenum.api.room.RoomContext#offload}, never directly on a room thread.
 * Appends to one chain are serialised by the implementation; {@link #append} returns once the
 * entry is durably stored, so a vote confirmed after its append survives a crash.
 * {@snippet :
 * AuditChain log = context.audit().chain(tenantId, "vote/" + voteId);
 * log.append("vote.opened", JsonObject.of("question", question, "eligible", eligibleCount));
 * log.append("ballot.cast", JsonObject.of("receipt", receipt));           // secret: no voter id
 * log.append("vote.closed", JsonObject.of("tally", tally, "quorum", quorum));
 *
 * SignedHead seal = log.signHead();                  // printed in the report
 * ChainVerification check = log.verify(seal);        // Intact, or Broken at an entry
 * List<AuditEntry> firstPage = log.read(1, 100);
 * }
 * Implemented by the host (and by the {@code PluginTester}).
 */
public interface AuditChain {

    /** The most entries {@link #read} returns at once. */
    int MAX_READ = 1000;

    /** The chain's id. */
    AuditChainId id();

    /**
     * Appends a record and returns it with its sequence number and hash. Blocking; durable on return.
     *
     * @throws IllegalArgumentException for a bad type ({@link AuditEntry#checkType}) or a payload
     *                                  over 64 KiB of JSON
     */
    AuditEntry append(String type, JsonObject payload);

    /**
     * Up to {@code limit} entries from {@code fromSequence} on, in order. Blocking.
     *
     * @throws IllegalArgumentException if {@code fromSequence < 1} or {@code limit} is not in 1..{@value #MAX_READ}
     */
    List<AuditEntry> read(long fromSequence, int limit);

    /** The last entry, if any. Blocking. */
    Optional<AuditEntry> head();

    /** Recomputes the whole chain as stored. Blocking; reads every entry. */
    ChainVerification verify();

    /** Recomputes the whole chain and checks that it ends exactly in {@code signed}. Blocking. */
    ChainVerification verify(SignedHead signed);

    /** Signs the current head with the server's Ed25519 key (sequence 0 for an empty chain). Blocking. */
    SignedHead signHead();
}
