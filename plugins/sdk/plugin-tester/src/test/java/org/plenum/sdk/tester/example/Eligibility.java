package org.plenum.sdk.tester.example;

import org.plenum.api.room.Participant;

/**
 * A service another plugin ("attendance") exports: who may vote. Non-blocking, so room modules
 * call it directly.
 */
public interface Eligibility {

    /** Whether {@code participant} may vote in a room of {@code tenant}; answers from memory. */
    boolean mayVote(Participant participant);
}
