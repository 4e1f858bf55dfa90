package org.plenum.voting;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugin's room modules of live rooms, so that the anonymous ballot route can tell the right room that a
 * secret ballot arrived (through {@code RoomContext.execute}, which any thread may call). Thread-safe; modules
 * remove themselves when their room closes or the plugin stops.
 */
final class LiveModules {

    private record Key(UUID tenantId, String roomId) {
    }

    private final Map<Key, VotingModule> modules = new ConcurrentHashMap<>();

    void add(UUID tenantId, String roomId, VotingModule module) {
        modules.put(new Key(tenantId, roomId), module);
    }

    void remove(UUID tenantId, String roomId, VotingModule module) {
        modules.remove(new Key(tenantId, roomId), module);
    }

    Optional<VotingModule> find(UUID tenantId, String roomId) {
        return Optional.ofNullable(modules.get(new Key(tenantId, roomId)));
    }

    void clear() {
        modules.clear();
    }
}
