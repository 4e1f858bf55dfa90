package org.plenum.api.room;

import java.util.Objects;
import java.util.UUID;

/**
 * A room as a caller of the plugin's HTTP routes may see it, from {@link RoomDirectory#find}.
 * {@snippet :
 * RoomInfo info = context.rooms().find(roomId, request.requireCaller())
 *         .orElseThrow(() -> HttpProblemException.notFound("no such room"));
 * if (!info.callerModerates()) {
 *     throw HttpProblemException.forbidden("only the room's moderators can download the report");
 * }
 * }
 *
 * @param roomId          the room's id
 * @param tenantId        the tenant it belongs to
 * @param title           its title (may be personal data: do not log it at INFO)
 * @param live            whether a meeting is going on in it now
 * @param callerModerates whether the caller may moderate it (owner, moderator, tenant admin)
 */
public record RoomInfo(String roomId, UUID tenantId, String title, boolean live, boolean callerModerates) {

    /** All fields are required. */
    public RoomInfo {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(title, "title");
    }
}
