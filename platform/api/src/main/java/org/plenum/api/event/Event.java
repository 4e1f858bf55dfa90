package org.plenum.api.event;

import java.util.UUID;

/**
 * Something that happened, told to whoever is interested through the {@link EventBus}. Events are
 * immutable records; every event belongs to one tenant, and the host delivers it only to plugins
 * enabled for that tenant, so a municipality's private module never sees another's events.
 *
 * <p>The core's events are the {@link CoreEvent} records. A plugin defines its own events as records
 * in a package it exports, and other plugins that declare a dependency on it subscribe to them:
 * {@snippet :
 * // in the voting plugin's exported package org.plenum.voting.api
 * public record VoteClosed(UUID tenantId, String roomId, UUID voteId, String agendaItem,
 *                          JsonObject tally, boolean valid, String finalHash) implements RoomScopedEvent {
 * }
 *
 * // in the minutes plugin, which declares .dependsOn("voting", "[1.0,2.0)")
 * context.events().subscribe(VoteClosed.class, closed -> drafts.insertResult(closed));
 * }
 * Event records carry values (ids, JSON, text), not live objects, so that they can be handed
 * across plugins and, later, across processes.
 */
public interface Event {

    /** The tenant the event belongs to. */
    UUID tenantId();
}
