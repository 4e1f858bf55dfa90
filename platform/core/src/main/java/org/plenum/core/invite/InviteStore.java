package org.plenum.core.invite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.core.security.SecureTokens;
import org.plenum.core.storage.Jdbc;

/** Invites in PostgreSQL. Tokens carry 192 random bits. */
public final class InviteStore {

    private static final String COLUMNS = "id, room_id, token, label, created_by, created_at, expires_at, revoked_at";

    private final Jdbc jdbc;
    private final Clock clock;

    public InviteStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Invite create(String roomId, String label, Instant expiresAt, UUID createdBy) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into plenum.invite (id, room_id, token, label, created_by, expires_at) values (?, ?, ?, ?, ?, ?)",
                id, roomId, SecureTokens.urlSafe(24), label, createdBy, expiresAt);
        return jdbc.one("select " + COLUMNS + " from plenum.invite where id = ?", InviteStore::map, id).orElseThrow();
    }

    public List<Invite> inRoom(String roomId) {
        return jdbc.list("select " + COLUMNS + " from plenum.invite where room_id = ? order by created_at", InviteStore::map, roomId);
    }

    public Optional<Invite> findByToken(String token) {
        if (token == null || token.length() > 128) {
            return Optional.empty();
        }
        return jdbc.one("select " + COLUMNS + " from plenum.invite where token = ?", InviteStore::map, token);
    }

    /** The invite if it exists, belongs to the room and is neither expired nor revoked. */
    public Optional<Invite> usable(String token) {
        return findByToken(token).filter(i -> i.usableAt(clock.instant()));
    }

    public boolean revoke(String roomId, UUID id) {
        return jdbc.update("update plenum.invite set revoked_at = coalesce(revoked_at, now()) where room_id = ? and id = ?", roomId, id) > 0;
    }

    private static Invite map(ResultSet rs) throws SQLException {
        return new Invite(Jdbc.uuid(rs, "id"), rs.getString("room_id"), rs.getString("token"), rs.getString("label"),
                Jdbc.uuid(rs, "created_by"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "revoked_at"));
    }
}
