package org.plenum.voting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.plenum.api.json.JsonObject;

/**
 * The plugin's tables (db/voting/V1__votes.sql) over JDBC. Every method blocks. Methods that take a
 * {@link Connection} run inside a caller's transaction ({@link #inTransaction}).
 */
public final class VoteStore {

    /** A vote's row. */
    public record StoredVote(UUID id, UUID tenantId, String roomId, VoteDefinition definition, String state, String chairId,
                      Instant openedAt, Optional<Instant> deadline, Optional<Instant> closedAt, Optional<String> outcome,
                      Optional<String> reason, Optional<JsonObject> result, Optional<JsonObject> signedHead,
                      byte[] publicKey, byte[] privateKey) {

        public boolean open() {
            return state.equals("open");
        }
    }

    record RosterRow(String voterKey, String displayName, boolean eligible, String reason, boolean credentialIssued, long ledgerSeq) {
    }

    record BallotRow(String key, String choice, String receipt, long ledgerSeq) {
    }

    record FaultRow(UUID id, Optional<UUID> voteId, Instant reportedAt, String kind, String note, String reporter) {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource data;

    VoteStore(DataSource data) {
        this.data = data;
    }

    <T> T inTransaction(Work<T> work) {
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new VoteStorageException("the vote could not be stored: " + e.getMessage(), e);
        }
    }

    /** A storage failure; the message is for logs and administrators. */
    static final class VoteStorageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        VoteStorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    void insertVote(Connection c, StoredVote v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into vote (id, tenant_id, room_id, kind, purpose, question, agenda_item, definition, state, chair_id, opened_at,
                                  deadline, repeat_of, rsa_public_key, rsa_private_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)""")) {
            VoteDefinition d = v.definition();
            s.setObject(1, v.id());
            s.setObject(2, v.tenantId());
            s.setString(3, v.roomId());
            s.setString(4, d.kind().wireName());
            s.setString(5, d.purpose());
            s.setString(6, d.question());
            s.setString(7, d.agendaItem().orElse(null));
            s.setString(8, d.toJson().toJson());
            s.setString(9, v.chairId());
            s.setTimestamp(10, Timestamp.from(v.openedAt()));
            s.setTimestamp(11, v.deadline().map(Timestamp::from).orElse(null));
            s.setObject(12, d.repeatOf().orElse(null));
            s.setBytes(13, v.publicKey());
            s.setBytes(14, v.privateKey());
            s.executeUpdate();
        }
    }

    void upsertRoster(Connection c, UUID voteId, List<RosterRow> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into roster (vote_id, voter_key, display_name, eligible, reason, ledger_seq) values (?, ?, ?, ?, ?, ?)
                on conflict (vote_id, voter_key) do update set eligible = excluded.eligible, reason = excluded.reason,
                    display_name = excluded.display_name, ledger_seq = excluded.ledger_seq""")) {
            for (RosterRow r : rows) {
                s.setObject(1, voteId);
                s.setString(2, r.voterKey());
                s.setString(3, r.displayName());
                s.setBoolean(4, r.eligible());
                s.setString(5, r.reason());
                s.setLong(6, r.ledgerSeq());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Locks the vote's row against closing while a ballot or credential is recorded; its state and deadline. */
    Optional<StoredVote> lockShared(Connection c, UUID voteId) throws SQLException {
        return one(c, "select * from vote where id = ? for share", voteId);
    }

    Optional<StoredVote> lockExclusive(Connection c, UUID voteId) throws SQLException {
        return one(c, "select * from vote where id = ? for update", voteId);
    }

    /** Marks a credential as issued; false if it was issued already (or the voter is not eligible). */
    boolean markCredentialIssued(Connection c, UUID voteId, String voterKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update roster set credential_issued = true where vote_id = ? and voter_key = ? and eligible and not credential_issued")) {
            s.setObject(1, voteId);
            s.setString(2, voterKey);
            return s.executeUpdate() == 1;
        }
    }

    void setRosterSeq(Connection c, UUID voteId, String voterKey, long seq) throws SQLException {
        update(c, "update roster set ledger_seq = ? where vote_id = ? and voter_key = ?", seq, voteId, voterKey);
    }

    /** A roll-call or pseudonymous ballot; false if the voter has one already. */
    boolean insertBallot(Connection c, UUID voteId, String voterKey, String choice, String receipt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into ballot (vote_id, voter_key, choice, receipt, ledger_seq) values (?, ?, ?, ?, 0) on conflict do nothing")) {
            s.setObject(1, voteId);
            s.setString(2, voterKey);
            s.setString(3, choice);
            s.setString(4, receipt);
            return s.executeUpdate() == 1;
        }
    }

    void setBallotSeq(Connection c, UUID voteId, String voterKey, long seq) throws SQLException {
        update(c, "update ballot set ledger_seq = ? where vote_id = ? and voter_key = ?", seq, voteId, voterKey);
    }

    /** A secret ballot; false if its credential was used already. */
    boolean insertSecretBallot(Connection c, UUID voteId, String ballotId, String choice) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into ballot_box (vote_id, ballot_id, choice, ledger_seq) values (?, ?, ?, 0) on conflict do nothing")) {
            s.setObject(1, voteId);
            s.setString(2, ballotId);
            s.setString(3, choice);
            return s.executeUpdate() == 1;
        }
    }

    void setSecretBallotSeq(Connection c, UUID voteId, String ballotId, long seq) throws SQLException {
        update(c, "update ballot_box set ledger_seq = ? where vote_id = ? and ballot_id = ?", seq, voteId, ballotId);
    }

    void closeVote(Connection c, UUID voteId, String state, Instant at, String outcome, String reason, JsonObject result,
                   JsonObject signedHead) throws SQLException {
        update(c, """
                update vote set state = ?, closed_at = ?, outcome = ?, reason = ?, result = ?, signed_head = ?, rsa_private_key = null
                where id = ?""", state, Timestamp.from(at), outcome, reason, result.toJson(), signedHead.toJson(), voteId);
    }

    void setChair(Connection c, UUID voteId, String chairId) throws SQLException {
        update(c, "update vote set chair_id = ? where id = ?", chairId, voteId);
    }

    void insertFault(Connection c, UUID tenantId, String roomId, FaultRow f) throws SQLException {
        update(c, "insert into fault (id, tenant_id, room_id, vote_id, reported_at, kind, note, reporter) values (?, ?, ?, ?, ?, ?, ?, ?)",
                f.id(), tenantId, roomId, f.voteId().orElse(null), Timestamp.from(f.reportedAt()), f.kind(), f.note(), f.reporter());
    }

    void setFaultSeq(Connection c, UUID faultId, long seq) throws SQLException {
        update(c, "update fault set ledger_seq = ? where id = ?", seq, faultId);
    }

    int ballotsIn(Connection c, UUID voteId) throws SQLException {
        return count(c, "select count(*) from ballot where vote_id = ?", voteId);
    }

    int secretBallotsIn(Connection c, UUID voteId) throws SQLException {
        return count(c, "select count(*) from ballot_box where vote_id = ?", voteId);
    }

    private static int count(Connection c, String sql, UUID voteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, voteId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---- reads (own connection)

    Optional<StoredVote> find(UUID voteId) {
        return read(c -> one(c, "select * from vote where id = ?", voteId));
    }

    Optional<StoredVote> findOpen(UUID tenantId, String roomId) {
        return read(c -> one(c, "select * from vote where tenant_id = ? and room_id = ? and state = 'open'", tenantId, roomId));
    }

    List<StoredVote> byRoom(UUID tenantId, String roomId) {
        return read(c -> list(c, "select * from vote where tenant_id = ? and room_id = ? order by opened_at", tenantId, roomId));
    }

    Map<String, RosterRow> roster(UUID voteId) {
        return read(c -> {
            Map<String, RosterRow> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("select * from roster where vote_id = ? order by voter_key")) {
                s.setObject(1, voteId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString("voter_key"), new RosterRow(rs.getString("voter_key"), rs.getString("display_name"),
                                rs.getBoolean("eligible"), rs.getString("reason"), rs.getBoolean("credential_issued"), rs.getLong("ledger_seq")));
                    }
                }
            }
            return out;
        });
    }

    /** Roll-call and pseudonymous ballots by voter key. */
    Map<String, BallotRow> ballots(UUID voteId) {
        return read(c -> rows(c, "select voter_key, choice, receipt, ledger_seq from ballot where vote_id = ? order by voter_key", voteId));
    }

    /** Secret ballots by ballot id. */
    Map<String, BallotRow> secretBallots(UUID voteId) {
        return read(c -> rows(c, "select ballot_id, choice, '' as receipt, ledger_seq from ballot_box where vote_id = ? order by ballot_id", voteId));
    }

    List<FaultRow> faults(UUID tenantId, String roomId, UUID voteId) {
        return read(c -> {
            List<FaultRow> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "select * from fault where tenant_id = ? and room_id = ? and vote_id = ? order by reported_at, id")) {
                s.setObject(1, tenantId);
                s.setString(2, roomId);
                s.setObject(3, voteId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FaultRow(rs.getObject("id", UUID.class), Optional.ofNullable(rs.getObject("vote_id", UUID.class)),
                                rs.getTimestamp("reported_at").toInstant(), rs.getString("kind"), rs.getString("note"), rs.getString("reporter")));
                    }
                }
            }
            return out;
        });
    }

    // ---- helpers

    private <T> T read(Work<T> work) {
        try (Connection c = data.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new VoteStorageException("votes could not be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, BallotRow> rows(Connection c, String sql, UUID voteId) throws SQLException {
        Map<String, BallotRow> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, voteId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new BallotRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static Optional<StoredVote> one(Connection c, String sql, Object... args) throws SQLException {
        List<StoredVote> l = list(c, sql, args);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
    }

    private static List<StoredVote> list(Connection c, String sql, Object... args) throws SQLException {
        List<StoredVote> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(vote(rs));
                }
            }
        }
        return out;
    }

    private static StoredVote vote(ResultSet rs) throws SQLException {
        return new StoredVote(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("room_id"),
                VoteDefinition.parse(JsonObject.parse(rs.getString("definition"))), rs.getString("state"), rs.getString("chair_id"),
                rs.getTimestamp("opened_at").toInstant(), instant(rs, "deadline"), instant(rs, "closed_at"),
                Optional.ofNullable(rs.getString("outcome")), Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getString("result")).map(JsonObject::parse),
                Optional.ofNullable(rs.getString("signed_head")).map(JsonObject::parse),
                rs.getBytes("rsa_public_key"), rs.getBytes("rsa_private_key"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }
}
