package org.plenum.core.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.plenum.api.audit.AuditChain;
import org.plenum.api.audit.AuditChainId;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.audit.ChainHash;
import org.plenum.api.audit.ChainVerification;
import org.plenum.api.audit.SignedHead;
import org.plenum.api.json.JsonObject;
import org.plenum.core.storage.Jdbc;
import org.plenum.core.storage.StorageException;

/**
 * One chain of the audit log in PostgreSQL ({@code plenum.audit_chain} + {@code plenum.audit_entry}).
 * Holds no state of its own: every call reads or writes the database, so instances are cheap and
 * any number of them (on any node) may append to the same chain.
 *
 * <p>Appends are serialised per chain by a row lock on the chain's row ({@code select … for no key
 * update}), which works across threads and nodes; the entry is committed with
 * {@code synchronous_commit = on} before {@link #append} returns, whatever the server's default.
 */
final class StoredAuditChain implements AuditChain {

    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    private static final int FETCH_SIZE = 500;
    private static final String ENTRY_COLUMNS = "e.seq, e.recorded_at, e.type, e.payload, e.prev_hash, e.hash";
    private static final String CHAIN_MATCH = "c.tenant_id = ? and c.owner = ? and c.name = ?";

    private final AuditChainId id;
    private final Jdbc jdbc;
    private final Clock clock;
    private final AuditSigningKeys keys;

    StoredAuditChain(AuditChainId id, Jdbc jdbc, Clock clock, AuditSigningKeys keys) {
        this.id = Objects.requireNonNull(id, "id");
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
    }

    @Override
    public AuditChainId id() {
        return id;
    }

    @Override
    public AuditEntry append(String type, JsonObject payload) {
        AuditEntry.checkType(Objects.requireNonNull(type, "type"));
        Objects.requireNonNull(payload, "payload");
        String json = payload.toJson();
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("an audit payload may be at most " + MAX_PAYLOAD_BYTES + " bytes of JSON, this one has " + bytes);
        }
        try {
            return jdbc.inTransaction(c -> {
                Jdbc.update(c, "set local synchronous_commit = on");
                Head head = lockHead(c);
                // the time is taken under the lock, so it never goes backwards within a chain on one node
                AuditEntry entry = AuditEntry.seal(id, head.sequence() + 1, clock.instant(), type, payload, head.hash());
                Jdbc.update(c, "insert into plenum.audit_entry (chain_id, seq, recorded_at, type, payload, prev_hash, hash) "
                                + "values (?, ?, ?, ?, ?, ?, ?)",
                        head.rowId(), entry.sequence(), utc(entry.recordedAt()), type, json, head.hash().bytes(), entry.hash().bytes());
                return entry;
            });
        } catch (StorageException e) {
            if (e.getCause() instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
                throw new IllegalArgumentException("cannot append to audit chain " + id + ": tenant " + id.tenantId() + " does not exist", e);
            }
            throw e;
        }
    }

    @Override
    public List<AuditEntry> read(long fromSequence, int limit) {
        if (fromSequence < 1) {
            throw new IllegalArgumentException("audit entries are numbered from 1; fromSequence was " + fromSequence);
        }
        if (limit < 1 || limit > MAX_READ) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_READ + ", not " + limit);
        }
        return jdbc.list("select " + ENTRY_COLUMNS + " from plenum.audit_entry e join plenum.audit_chain c on c.id = e.chain_id"
                        + " where " + CHAIN_MATCH + " and e.seq >= ? order by e.seq limit ?",
                this::readable, id.tenantId(), id.owner().value(), id.name(), fromSequence, limit);
    }

    @Override
    public Optional<AuditEntry> head() {
        return jdbc.one("select " + ENTRY_COLUMNS + " from plenum.audit_entry e join plenum.audit_chain c on c.id = e.chain_id"
                        + " where " + CHAIN_MATCH + " order by e.seq desc limit 1",
                this::readable, id.tenantId(), id.owner().value(), id.name());
    }

    @Override
    public ChainVerification verify() {
        return verify(Optional.empty());
    }

    @Override
    public ChainVerification verify(SignedHead signed) {
        return verify(Optional.of(Objects.requireNonNull(signed, "signed")));
    }

    @Override
    public SignedHead signHead() {
        Head head = jdbc.one("select c.id, c.head_seq, c.head_hash from plenum.audit_chain c where " + CHAIN_MATCH,
                        StoredAuditChain::head, id.tenantId(), id.owner().value(), id.name())
                .orElse(Head.EMPTY);
        AuditSigningKeys.Active key = keys.forSigning();
        return SignedHead.sign(id, head.sequence(), head.hash(), clock.instant(), key.pair().getPrivate(), key.pair().getPublic());
    }

    /** The chain id. */
    @Override
    public String toString() {
        return "StoredAuditChain[" + id + "]";
    }

    /**
     * Streams the entries in stored (insertion) order through the SPI's reference verifier, in one
     * read-only snapshot, then compares the result with the head the database recorded at append
     * time: that catches a removed tail even without a signed head.
     */
    private ChainVerification verify(Optional<SignedHead> signed) {
        return jdbc.inTransaction(c -> {
            Jdbc.update(c, "set transaction isolation level repeatable read, read only");
            Optional<Head> recorded = Jdbc.list(c, "select c.id, c.head_seq, c.head_hash from plenum.audit_chain c where " + CHAIN_MATCH,
                    StoredAuditChain::head, id.tenantId(), id.owner().value(), id.name()).stream().findFirst();
            if (recorded.isEmpty()) {
                return check(List.of(), signed);
            }
            try (PreparedStatement ps = c.prepareStatement("select " + ENTRY_COLUMNS + " from plenum.audit_entry e"
                    + " where e.chain_id = ? order by e.id")) {
                ps.setLong(1, recorded.get().rowId());
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    ChainVerification result;
                    try {
                        result = check(new StoredEntries(rs), signed);
                    } catch (UnreadableEntry e) {
                        return new ChainVerification.Broken(id, e.position, ChainVerification.Problem.CONTENT_ALTERED,
                                "the entry stored as number " + e.position + " cannot be read: " + e.getMessage()
                                        + "; it was changed outside the application");
                    }
                    return compareWithRecordedHead(result, recorded.get());
                }
            }
        });
    }

    private ChainVerification check(Iterable<AuditEntry> entries, Optional<SignedHead> signed) {
        return signed.isPresent() ? ChainVerification.verify(id, entries, signed.get()) : ChainVerification.verify(id, entries);
    }

    private ChainVerification compareWithRecordedHead(ChainVerification result, Head recorded) {
        if (!(result instanceof ChainVerification.Intact intact)) {
            return result;
        }
        long stored = intact.length();
        if (recorded.sequence() > stored) {
            return new ChainVerification.Broken(id, stored + 1, ChainVerification.Problem.HEAD_MISMATCH,
                    "the chain's head was recorded at entry " + recorded.sequence() + " but its stored entries end at entry " + stored
                            + ": entries from " + (stored + 1) + " on were removed");
        }
        if (recorded.sequence() < stored) {
            return new ChainVerification.Broken(id, recorded.sequence() + 1, ChainVerification.Problem.HEAD_MISMATCH,
                    "the chain's head was recorded at entry " + recorded.sequence() + " but entries from " + (recorded.sequence() + 1)
                            + " on are stored as well: they were added outside the application");
        }
        if (!recorded.hash().equals(intact.head())) {
            return new ChainVerification.Broken(id, stored, ChainVerification.Problem.HEAD_MISMATCH,
                    "entry " + stored + " hashes to " + intact.head().hex() + " but the head recorded at append time is "
                            + recorded.hash().hex() + ": the chain was rewritten consistently up to here");
        }
        return result;
    }

    /** Locks the chain's row (creating it on the first append) and returns its head. */
    private Head lockHead(Connection c) throws SQLException {
        String select = "select c.id, c.head_seq, c.head_hash from plenum.audit_chain c where " + CHAIN_MATCH + " for no key update";
        List<Head> found = Jdbc.list(c, select, StoredAuditChain::head, id.tenantId(), id.owner().value(), id.name());
        if (found.isEmpty()) {
            // a concurrent first append waits here for the other insert and then does nothing
            Jdbc.update(c, "insert into plenum.audit_chain (tenant_id, owner, name) values (?, ?, ?) on conflict do nothing",
                    id.tenantId(), id.owner().value(), id.name());
            found = Jdbc.list(c, select, StoredAuditChain::head, id.tenantId(), id.owner().value(), id.name());
        }
        return found.getFirst();
    }

    private static Head head(ResultSet rs) throws SQLException {
        return new Head(rs.getLong(1), rs.getLong(2), new ChainHash(rs.getBytes(3)));
    }

    /** For read/head: a row that does not load is a storage fault the caller should verify. */
    private AuditEntry readable(ResultSet rs) throws SQLException {
        try {
            return entry(rs, 0);
        } catch (UnreadableEntry e) {
            throw new StorageException("audit chain " + id + " has an entry that cannot be read (" + e.getMessage()
                    + "); verify the chain", e);
        }
    }

    private AuditEntry entry(ResultSet rs, long position) throws SQLException {
        long seq = rs.getLong("seq");
        try {
            Instant at = rs.getObject("recorded_at", OffsetDateTime.class).toInstant();
            String text = rs.getString("payload");
            JsonObject payload = JsonObject.parse(text);
            if (!payload.toJson().equals(text)) {
                throw new UnreadableEntry(position, "its payload is not in the canonical form it was stored in");
            }
            return new AuditEntry(id, seq, at, rs.getString("type"), payload,
                    new ChainHash(rs.getBytes("prev_hash")), new ChainHash(rs.getBytes("hash")));
        } catch (IllegalArgumentException | NullPointerException e) {
            // JsonException is an IllegalArgumentException; so are a bad type, sequence or hash length
            throw new UnreadableEntry(position, e.getMessage());
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    /** The chain's row id and recorded head. */
    private record Head(long rowId, long sequence, ChainHash hash) {
        static final Head EMPTY = new Head(0, 0, ChainHash.GENESIS);
    }

    /** A stored row that is not a valid entry (only possible by editing the table directly). */
    private static final class UnreadableEntry extends RuntimeException {
        final long position;

        UnreadableEntry(long position, String reason) {
            super(reason, null, false, false);
            this.position = position;
        }
    }

    /** The rows of one chain in stored order, mapped as the verifier pulls them; single use. */
    private final class StoredEntries implements Iterable<AuditEntry> {
        private final ResultSet rs;
        private boolean used;

        StoredEntries(ResultSet rs) {
            this.rs = rs;
        }

        @Override
        public Iterator<AuditEntry> iterator() {
            if (used) {
                throw new IllegalStateException("stored entries can be iterated once");
            }
            used = true;
            return new Iterator<>() {
                private long position;
                private Boolean ahead;

                @Override
                public boolean hasNext() {
                    if (ahead == null) {
                        try {
                            ahead = rs.next();
                        } catch (SQLException e) {
                            throw new StorageException("reading audit chain " + id + " failed: " + e.getMessage(), e);
                        }
                    }
                    return ahead;
                }

                @Override
                public AuditEntry next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ahead = null;
                    position++;
                    try {
                        return entry(rs, position);
                    } catch (SQLException e) {
                        throw new StorageException("reading audit chain " + id + " failed: " + e.getMessage(), e);
                    }
                }
            };
        }
    }
}
