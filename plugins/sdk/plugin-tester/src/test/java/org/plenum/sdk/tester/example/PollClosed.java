package org.plenum.sdk.tester.example;

import java.util.UUID;
import org.plenum.api.event.RoomScopedEvent;
import org.plenum.api.json.JsonObject;

/** Published by the quick poll when a poll closes; a minutes plugin would subscribe to it. */
public record PollClosed(UUID tenantId, String roomId, int poll, String question, JsonObject tally, String finalHash)
        implements RoomScopedEvent {
}
