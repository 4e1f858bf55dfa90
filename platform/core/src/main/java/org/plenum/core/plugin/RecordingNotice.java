package org.plenum.core.plugin;

import java.time.Instant;
import java.util.UUID;

/**
 * A recording started or ended in a room: what the audit log keeps.
 *
 * @param reason  null when it started; why it ended otherwise (see {@link RoomPort#recordingStopped})
 * @param endedAt null when it started
 */
public record RecordingNotice(UUID tenantId, String roomId, ActiveRecording recording, String reason, Instant endedAt) {

    public boolean started() {
        return reason == null;
    }
}
