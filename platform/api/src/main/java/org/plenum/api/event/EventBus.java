package org.plenum.api.event;

import java.util.function.Consumer;
import org.plenum.api.Registration;

/**
 * Typed, in-process events between the core and plugins and between plugins.
 *
 * <h2>Delivery</h2>
 * <ul>
 *   <li>{@link #publish} returns at once; handlers run later, never on the publisher's stack, so a
 *       room module can publish without waiting for anyone.</li>
 *   <li>A handler registered through {@code PluginContext.events()} runs on the plugin's executor
 *       (and may block); one registered through {@code RoomContext.events()} runs on that room's
 *       thread (and must not block).</li>
 *   <li>Events from one publisher reach one handler in publication order. Delivery is at most
 *       once and in memory: events are not stored and are lost at a crash or restart. What must
 *       survive belongs in the plugin's storage or the audit log.</li>
 *   <li>A handler that throws is logged and counted; the publisher and other handlers are not
 *       affected.</li>
 *   <li>Events go only to plugins enabled for the event's tenant; room handlers get room-scoped
 *       events only of their room.</li>
 * </ul>
 * {@snippet :
 * // the council plugin tells everyone about quorum changes in a room
 * room.events().publish(new QuorumChanged(room.tenantId(), room.roomId(), present, required, present >= required));
 *
 * // the voting module of the same room refuses to start votes without quorum
 * room.events().subscribe(QuorumChanged.class, q -> quorate = q.quorate());
 * }
 * Implemented by the host.
 */
public interface EventBus {

    /**
     * Publishes an event.
     *
     * @throws IllegalArgumentException for a {@link CoreEvent}, which only the core publishes
     */
    void publish(Event event);

    /**
     * Calls {@code handler} for every event that is a {@code type} (subtypes included) and that
     * this plugin may see. The registration ends when the plugin stops (or, for a room's bus, when
     * the module is dropped), or earlier when closed.
     */
    <E extends Event> Registration subscribe(Class<E> type, Consumer<? super E> handler);
}
