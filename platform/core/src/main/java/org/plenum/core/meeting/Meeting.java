package org.plenum.core.meeting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A meeting scheduled in a room: when, what, and who is invited (e-mail addresses or user names). */
public record Meeting(UUID id, String roomId, String title, Instant startsAt, Instant endsAt, List<String> invitees,
                      UUID createdBy) {
}
