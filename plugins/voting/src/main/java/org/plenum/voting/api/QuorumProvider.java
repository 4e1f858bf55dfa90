package org.plenum.voting.api;

import java.util.UUID;

/**
 * Tells the voting plugin whether a room is quorate, so that no vote starts without quorum. Supplied by
 * another plugin (a council-session module), registered through {@link VotingExtensions}; with none
 * registered, votes start without a quorum check.
 * {@snippet :
 * // in the council plugin, which declares .dependsOn("voting", "[1.0,2.0)")
 * Registration quorum = context.services().require(VotingExtensions.class)
 *         .registerQuorumProvider((tenantId, roomId) -> sessions.quorum(tenantId, roomId));
 * // ... and in its stop(): quorum.close();
 * }
 * Called on room threads: must answer from memory, quickly, and be thread-safe.
 */
@FunctionalInterface
public interface QuorumProvider {

    /** The quorum of a room now; non-blocking. */
    Quorum quorum(UUID tenantId, String roomId);
}
