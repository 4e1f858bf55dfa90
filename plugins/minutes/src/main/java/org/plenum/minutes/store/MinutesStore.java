package org.plenum.minutes.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.plenum.api.json.JsonObject;
import org.plenum.minutes.document.Actor;
import org.plenum.minutes.document.MinutesDocument;
import org.plenum.minutes.document.Revision;

/**
 * The minutes in the plugin's schema ({@code db/minutes}): documents, their append-only revisions and the PDF/A of
 * each finalised version. Insert and select only; the schema's triggers refuse updates and deletes (M7). Blocking
 * (JDBC): never on a room's thread. Every query filters by tenant.
 */
public final class MinutesStore {

    /** A document as stored: where it belongs and its revisions. */
    public record Stored(UUID id, UUID tenantId, String roomId, List<Revision> revisions) {

        /** Its state now. */
        public MinutesDocument replay() {
            return MinutesDocument.replay(id, tenantId, roomId, revisions);
        }
    }

    /** Another writer appended a revision with the same number first: reload and decide again. */
    public static final class StaleRevisionException extends RuntimeException {
        StaleRevisionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DataSource dataSource;

    public MinutesStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new document with its first revisions, in one transaction. */
    public void create(UUID id, UUID tenantId, String roomId, Instant at, List<Revision> revisions) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("insert into minutes_document (id, tenant_id, room_id, created_at) values (?, ?, ?, ?)")) {
                    s.setObject(1, id);
                    s.setObject(2, tenantId);
                    s.setString(3, roomId);
                    s.setTimestamp(4, Timestamp.from(at));
                    s.executeUpdate();
                }
                insert(c, revisions);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Appends revisions of existing documents, in one transaction.
     *
     * @throws StaleRevisionException if one of the numbers is taken already
     */
    public void append(List<Revision> revisions) throws SQLException {
        if (revisions.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                insert(c, revisions);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) {
                    throw new StaleRevisionException("another revision was stored first", e);
                }
                throw e;
            }
        }
    }

    private static void insert(Connection c, List<Revision> revisions) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into minutes_revision (document_id, seq, recorded_at, actor_key, actor_name, type,"
                + " payload, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Revision r : revisions) {
                s.setObject(1, r.documentId());
                s.setLong(2, r.seq());
                s.setTimestamp(3, Timestamp.from(r.at()));
                s.setString(4, r.actor().key());
                s.setString(5, r.actor().name());
                s.setString(6, r.type());
                s.setString(7, r.payload().toJson());
                s.setString(8, r.prevHash());
                s.setString(9, r.hash());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The document of this tenant, if it exists. */
    public Optional<Stored> load(UUID tenantId, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String roomId;
            try (PreparedStatement s = c.prepareStatement("select room_id from minutes_document where id = ? and tenant_id = ?")) {
                s.setObject(1, id);
                s.setObject(2, tenantId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    roomId = rs.getString(1);
                }
            }
            return Optional.of(new Stored(id, tenantId, roomId, revisions(c, id)));
        }
    }

    /** The tenant of a document, for public routes that know only its id. */
    public Optional<UUID> tenantOf(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select tenant_id from minutes_document where id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** The ids of a room's documents, oldest first. */
    public List<UUID> documentsOf(UUID tenantId, String roomId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select id from minutes_document where tenant_id = ? and room_id = ? order by created_at, id")) {
            s.setObject(1, tenantId);
            s.setString(2, roomId);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    private static List<Revision> revisions(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select seq, recorded_at, actor_key, actor_name, type, payload, prev_hash, hash"
                + " from minutes_revision where document_id = ? order by seq")) {
            s.setObject(1, id);
            List<Revision> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Revision(id, rs.getLong(1), rs.getTimestamp(2).toInstant(), new Actor(rs.getString(3), rs.getString(4)),
                            rs.getString(5), JsonObject.parse(rs.getString(6)), rs.getString(7), rs.getString(8)));
                }
            }
            return out;
        }
    }

    /** Stores the PDF/A of a finalised version for one audience ({@code full} or {@code public}). */
    public void saveExport(UUID id, int version, String audience, String sha256, byte[] pdf, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into minutes_export (document_id, version, audience, sha256, pdf, created_at)"
                     + " values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            s.setObject(1, id);
            s.setInt(2, version);
            s.setString(3, audience);
            s.setString(4, sha256);
            s.setBytes(5, pdf);
            s.setTimestamp(6, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /** The stored PDF/A of a version for an audience. */
    public Optional<byte[]> export(UUID id, int version, String audience) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select pdf from minutes_export where document_id = ? and version = ? and audience = ?")) {
            s.setObject(1, id);
            s.setInt(2, version);
            s.setString(3, audience);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }
}
