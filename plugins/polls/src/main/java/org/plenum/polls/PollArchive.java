package org.plenum.polls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.plenum.api.json.JsonObject;

/**
 * The results of closed polls per room, for the REST route: the last {@value #POLLS_PER_ROOM} polls of each of the
 * {@value #ROOMS} rooms used most recently, in this server's memory, from the plugin's start until it stops. Rooms
 * are keyed by tenant as well, so one tenant's rooms never answer for another's.
 *
 * <p>Thread-safe: room modules add on their room threads, HTTP handlers read on request threads; each call holds
 * the lock only to copy a small list.
 */
final class PollArchive {

    static final int POLLS_PER_ROOM = 50;
    static final int ROOMS = 1000;

    private record RoomKey(UUID tenantId, String roomId) {
    }

    private final Map<RoomKey, Deque<JsonObject>> rooms = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RoomKey, Deque<JsonObject>> eldest) {
            return size() > ROOMS;
        }
    };

    /** Keeps a closed poll's result as the route returns it. */
    synchronized void add(UUID tenantId, String roomId, JsonObject closedPoll) {
        Objects.requireNonNull(closedPoll, "closedPoll");
        Deque<JsonObject> polls = rooms.computeIfAbsent(new RoomKey(tenantId, roomId), k -> new ArrayDeque<>());
        polls.addFirst(closedPoll);
        while (polls.size() > POLLS_PER_ROOM) {
            polls.removeLast();
        }
    }

    /** The room's closed polls, newest first. */
    synchronized List<JsonObject> closedPolls(UUID tenantId, String roomId) {
        Deque<JsonObject> polls = rooms.get(new RoomKey(tenantId, roomId));
        return polls == null ? List.of() : List.copyOf(new ArrayList<>(polls));
    }

    /** Forgets everything (the plugin stops). */
    synchronized void clear() {
        rooms.clear();
    }
}
