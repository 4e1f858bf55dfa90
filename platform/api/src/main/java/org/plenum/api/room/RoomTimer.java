package org.plenum.api.room;

/**
 * A timer started with {@link RoomContext#schedule} or {@link RoomContext#scheduleRepeating}. It
 * fires on the room's thread, like every other callback, so its task may touch the module's state.
 * Timers are cancelled when the room closes or the module is removed.
 * {@snippet :
 * RoomTimer expiry = room.schedule(Duration.ofMinutes(2), () -> closeVote("time is up"));
 * // closed early by the chair:
 * expiry.cancel();
 * }
 * Implemented by the host.
 */
public interface RoomTimer {

    /** Stops the timer; a task that has not started will not run. Idempotent. */
    void cancel();

    /** Whether the timer may still fire: not cancelled and, if one-shot, not fired yet. */
    boolean isPending();
}
