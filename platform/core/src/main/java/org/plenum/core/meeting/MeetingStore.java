package org.plenum.core.meeting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.core.storage.Jdbc;

/** Scheduled meetings in PostgreSQL. */
public final class MeetingStore {

    private static final String COLUMNS = "id, room_id, title, starts_at, ends_at, invitees, created_by";

    private final Jdbc jdbc;

    public MeetingStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Meeting create(String roomId, String title, Instant startsAt, Instant endsAt, List<String> invitees, UUID createdBy) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into plenum.meeting (id, room_id, title, starts_at, ends_at, invitees, created_by) values (?, ?, ?, ?, ?, ?, ?)",
                id, roomId, title, startsAt, endsAt, invitees, createdBy);
        return find(id).orElseThrow();
    }

    public Optional<Meeting> find(UUID id) {
        return jdbc.one("select " + COLUMNS + " from plenum.meeting where id = ?", MeetingStore::map, id);
    }

    public List<Meeting> inRoom(String roomId) {
        return jdbc.list("select " + COLUMNS + " from plenum.meeting where room_id = ? order by starts_at", MeetingStore::map, roomId);
    }

    public boolean delete(String roomId, UUID id) {
        return jdbc.update("delete from plenum.meeting where room_id = ? and id = ?", roomId, id) > 0;
    }

    private static Meeting map(ResultSet rs) throws SQLException {
        return new Meeting(Jdbc.uuid(rs, "id"), rs.getString("room_id"), rs.getString("title"), Jdbc.instant(rs, "starts_at"),
                Jdbc.instant(rs, "ends_at"), Jdbc.textArray(rs, "invitees"), Jdbc.uuid(rs, "created_by"));
    }
}
