package org.plenum.core.room;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.core.error.Problem;
import org.plenum.core.security.SecureTokens;
import org.plenum.core.storage.Jdbc;

/** Rooms and their bans in PostgreSQL. Access checks happen in {@link Rooms}; this class only stores. */
public final class RoomStore {

    private static final String COLUMNS = "id, tenant_id, owner_id, title, password_hash is not null as has_password, "
            + "waiting_room, locked, dialin_conference_id, dialin_pin, created_at, updated_at";

    private final Jdbc jdbc;

    public RoomStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Room create(UUID tenantId, UUID ownerId, String title, String passwordHash, WaitingRoomPolicy waitingRoom) {
        String id = SecureTokens.urlSafe(16);
        // conference ids are unique; on the rare collision draw again
        for (int attempt = 0; ; attempt++) {
            try {
                jdbc.update("insert into plenum.room (id, tenant_id, owner_id, title, password_hash, waiting_room, dialin_conference_id, dialin_pin) "
                                + "values (?, ?, ?, ?, ?, ?, ?, ?)",
                        id, tenantId, ownerId, title, passwordHash, waitingRoom.wireName(), SecureTokens.digits(10), SecureTokens.digits(6));
                return find(id).orElseThrow();
            } catch (Problem conflict) {
                if (conflict.kind() != Problem.Kind.CONFLICT || attempt >= 5) {
                    throw conflict;
                }
            }
        }
    }

    public Optional<Room> find(String id) {
        return jdbc.one("select " + COLUMNS + " from plenum.room where id = ?", RoomStore::map, id);
    }

    public Optional<Room> findByConferenceId(String conferenceId) {
        return jdbc.one("select " + COLUMNS + " from plenum.room where dialin_conference_id = ?", RoomStore::map, conferenceId);
    }

    public List<Room> inTenant(UUID tenantId) {
        return jdbc.list("select " + COLUMNS + " from plenum.room where tenant_id = ? order by created_at", RoomStore::map, tenantId);
    }

    public Optional<String> passwordHash(String roomId) {
        return jdbc.one("select password_hash from plenum.room where id = ?", rs -> rs.getString(1), roomId);
    }

    /** Applies the non-null fields; {@code passwordHash} is "" to remove the password, null to keep it. */
    public void update(String id, String title, String passwordHash, WaitingRoomPolicy waitingRoom, Boolean locked) {
        List<String> sets = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (title != null) {
            sets.add("title = ?");
            params.add(title);
        }
        if (passwordHash != null) {
            sets.add("password_hash = ?");
            params.add(passwordHash.isEmpty() ? null : passwordHash);
        }
        if (waitingRoom != null) {
            sets.add("waiting_room = ?");
            params.add(waitingRoom.wireName());
        }
        if (locked != null) {
            sets.add("locked = ?");
            params.add(locked);
        }
        if (sets.isEmpty()) {
            return;
        }
        params.add(id);
        jdbc.update("update plenum.room set " + String.join(", ", sets) + ", updated_at = now() where id = ?", params.toArray());
    }

    public void setLocked(String id, boolean locked) {
        update(id, null, null, null, locked);
    }

    public Room.DialIn newDialInPin(String id) {
        jdbc.update("update plenum.room set dialin_pin = ?, updated_at = now() where id = ?", SecureTokens.digits(6), id);
        return find(id).orElseThrow().dialIn();
    }

    public boolean delete(String id) {
        return jdbc.update("delete from plenum.room where id = ?", id) > 0;
    }

    /** Bans a user (members) or an invite (guests) from the room; banning twice is harmless. */
    public void ban(String roomId, UUID userId, UUID inviteId) {
        if (userId != null) {
            jdbc.update("insert into plenum.room_ban (room_id, user_id) values (?, ?) on conflict do nothing", roomId, userId);
        }
        if (inviteId != null) {
            jdbc.update("insert into plenum.room_ban (room_id, invite_id) values (?, ?) on conflict do nothing", roomId, inviteId);
        }
    }

    public boolean isBanned(String roomId, UUID userId, UUID inviteId) {
        return jdbc.one("select 1 from plenum.room_ban where room_id = ? and (user_id = ? or invite_id = ?)",
                rs -> true, roomId, userId, inviteId).isPresent();
    }

    private static Room map(ResultSet rs) throws SQLException {
        return new Room(rs.getString("id"), Jdbc.uuid(rs, "tenant_id"), Jdbc.uuid(rs, "owner_id"), rs.getString("title"),
                rs.getBoolean("has_password"), WaitingRoomPolicy.fromWireName(rs.getString("waiting_room")), rs.getBoolean("locked"),
                new Room.DialIn(rs.getString("dialin_conference_id"), rs.getString("dialin_pin")),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }
}
