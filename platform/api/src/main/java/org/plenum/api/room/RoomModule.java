package org.plenum.api.room;

import java.util.Optional;
import org.plenum.api.json.JsonObject;

/**
 * A plugin's presence in one live room: its state for that meeting and its handlers for what
 * happens there. Created by the plugin's {@link RoomModuleFactory} when the room opens (or when
 * the plugin starts while the room is live) and dropped when the room closes or the plugin stops.
 * Every method has a do-nothing default; implement the ones you need.
 *
 * <h2>Threading contract</h2>
 * <ul>
 *   <li>Every callback of a module, and every {@link RoomTimer} task and
 *       {@link RoomContext#offload offload} completion of its room, runs on the <em>room's
 *       thread</em>, one at a time, in the order the room saw the events. The module's state
 *       therefore needs no locks, as long as only these callbacks touch it.</li>
 *   <li>Callbacks must not block: no JDBC, no HTTP, no {@code Thread.sleep}, no waiting on futures,
 *       no audit-log appends. While a callback runs, the whole room waits (chat, moderation, other
 *       plugins). Move such work off the thread with {@link RoomContext#offload}; its result comes
 *       back as a callback on the room's thread. The host enforces a time limit per callback and
 *       treats repeated overruns as a failure.</li>
 *   <li>A callback that throws {@link MessageRefusedException} (from {@code onMessage}) or
 *       {@link org.plenum.api.json.JsonException} refuses the message, answered to the sender
 *       as an {@code error} frame. Any other exception is caught: the sender (if any) gets
 *       {@code internal_error}, the room goes on, the plugin's error counter rises; repeated
 *       failures trip a circuit breaker that removes the plugin from the tenant's rooms.</li>
 *   <li>{@link RoomContext} may be used only from these callbacks, except its fixed facts (ids,
 *       clock, settings) and {@link RoomContext#execute}, which any thread may call to get back
 *       onto the room's thread.</li>
 * </ul>
 *
 * <h2>Order of calls for a joining participant</h2>
 * {@link #joinSnapshot} (for the {@code control/joined} frame), then {@link #onJoin}; for both, the
 * participant is already in {@link RoomContext#participants()} and receives what is sent to
 * everyone. While a participant's connection is lost, messages to them are not delivered and not
 * replayed: when they reconnect within the grace period they get a fresh {@code joinSnapshot}, then
 * {@link #onConnectionChanged} — no second {@code onJoin}. So the join snapshot must describe the
 * whole current state. When a module is created for a room that is already live, there is no
 * {@code onJoin} for the people present: read {@link RoomContext#participants()} in the constructor.
 * {@snippet :
 * // counts raised hands in the plugin's namespace "hand-counter"
 * final class HandCounter implements RoomModule {
 *     private final RoomContext room;
 *     private final Set<String> raised = new LinkedHashSet<>();
 *
 *     HandCounter(RoomContext room) {
 *         this.room = room;
 *     }
 *
 *     public void onMessage(InboundMessage message) {
 *         switch (message.type()) {
 *             case "raise" -> raised.add(message.sender().id());
 *             case "lower" -> raised.remove(message.sender().id());
 *             default -> throw MessageRefusedException.unknownType(message);
 *         }
 *         room.sendToAll("count", JsonObject.of("raised", raised.size()));
 *     }
 *
 *     public void onLeave(Participant p, LeaveReason reason) {
 *         if (raised.remove(p.id())) {
 *             room.sendToAll("count", JsonObject.of("raised", raised.size()));
 *         }
 *     }
 *
 *     public Optional<JsonObject> joinSnapshot(Participant p) {
 *         return Optional.of(JsonObject.of("raised", raised.size()));
 *     }
 * }
 * }
 * Implemented by plugins.
 */
public interface RoomModule {

    /** A participant was admitted to the room (after {@link #joinSnapshot} for them). */
    default void onJoin(Participant participant) {
    }

    /** A participant left for good; {@code participant} is their last state. */
    default void onLeave(Participant participant, LeaveReason reason) {
    }

    /** A moderator changed {@code participant}'s role from {@code previous}. */
    default void onRoleChanged(Participant participant, Role previous) {
    }

    /**
     * A participant lost their connection ({@code participant.connected()} is false; the reconnect
     * grace period runs) or came back. Relevant where presence counts, as for a quorum.
     */
    default void onConnectionChanged(Participant participant) {
    }

    /**
     * A message in the plugin's namespace. Throw {@link MessageRefusedException} to refuse it;
     * answer with {@link RoomContext#reply}.
     */
    default void onMessage(InboundMessage message) {
    }

    /**
     * This module's part of the room state for someone joining now (late joiners included): what
     * the plugin's UI needs to show the current state. Delivered inside {@code control/joined} as
     * {@code {"plugin": "<id>", "data": …}}. May differ by participant (moderators may see more).
     * Empty: nothing to tell.
     */
    default Optional<JsonObject> joinSnapshot(Participant participant) {
        return Optional.empty();
    }

    /**
     * The meeting is ending for everyone. Participants are still there and messages sent now still
     * reach them (a final result); timers will not fire any more and offloaded work that completes
     * later is not delivered. Persisting must already have happened or be handed to the plugin's
     * executor.
     */
    default void onRoomClosing() {
    }

    /**
     * The module is being removed while the room goes on, because the plugin stops (update,
     * disable, shutdown). Same rules as {@link #onRoomClosing()}. After an update, the new
     * version's module is created for the room and recovers its state from storage.
     */
    default void onPluginStopping() {
    }
}
