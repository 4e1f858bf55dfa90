package org.plenum.core.signaling;

import org.plenum.core.room.Room;
import org.plenum.core.signaling.frame.ClientMessage;
import org.plenum.core.signaling.frame.MessageType;

/** What a room's actor processes, one at a time and in arrival order. */
sealed interface RoomEvent {

    /**
     * A redeemed ticket: someone wants in. {@code room} was read from the database on the socket's
     * thread (not banned there, room exists), so that the room's own thread does no database work per join.
     */
    record JoinRequest(ClientSession session, JoinGrant grant, String displayName, String re, Room room) implements RoomEvent {
    }

    /** A socket presents a resume token. */
    record ResumeRequest(ClientSession session, String resumeToken, String re) implements RoomEvent {
    }

    /** A checked client message from a socket that joined this room. */
    record Inbound(ClientSession session, MessageType type, String re, ClientMessage message) implements RoomEvent {
    }

    /** The socket is gone; its participant enters the reconnect grace period. */
    record Disconnected(ClientSession session) implements RoomEvent {
    }

    /** A grace period ended; {@code epoch} tells whether it is still the current one. */
    record GraceExpired(String participantId, long epoch) implements RoomEvent {
    }

    /** The server stops. */
    record Shutdown() implements RoomEvent {
    }

    /** A frame in a plugin's namespace; the body is a JSON object's text. */
    record PluginInbound(ClientSession session, String ns, String type, String re, String bodyJson) implements RoomEvent {
    }

    /** Work for the room's thread on behalf of a plugin module (timers, offloaded results). */
    record PluginTask(Runnable task) implements RoomEvent {
    }

    /** Work for the room's thread on behalf of the media engine (answers, offers, speaker changes). */
    record MediaTask(Runnable task) implements RoomEvent {
    }

    /**
     * A call on a plugin's module from outside the room ({@code RoomDirectory.call}); {@code abandon} is
     * run instead when the room ends before it got to it.
     */
    record ModuleCall(java.util.function.Consumer<org.plenum.core.plugin.RoomPlugins> call, Runnable abandon) implements RoomEvent {
    }

    /** The room's row was changed outside the meeting (REST): the room takes title, lock and policy from it. */
    record RoomStored(Room room) implements RoomEvent {
    }

    /** The plugin host changed what is active: rooms bring their modules in line. */
    record PluginsChanged() implements RoomEvent {
    }
}
