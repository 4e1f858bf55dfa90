package org.plenum.media.engine;

import java.util.concurrent.CompletableFuture;
import org.plenum.media.forward.ForwardingRoom;

/** A room of the engine: the participants whose media it forwards to each other. Thread-safe facade. */
public final class MediaRoom {

    private final MediaEngine engine;
    private final ForwardingRoom forwarding;

    MediaRoom(MediaEngine engine, ForwardingRoom forwarding) {
        this.engine = engine;
        this.forwarding = forwarding;
    }

    public String id() {
        return forwardingId();
    }

    private String forwardingId() {
        return forwarding.id();
    }

    ForwardingRoom forwarding() {
        return forwarding;
    }

    /**
     * Adds a participant; nothing flows until it publishes or answers a subscribe offer. The listener hears
     * about offers, speakers and quality on the engine's thread.
     */
    public MediaParticipant join(String participantId, MediaListener listener) {
        return new MediaParticipant(engine, this, engine.onLoop(() -> forwarding.join(participantId, listener)));
    }

    /** Ends every participant's media; the room is forgotten. */
    public CompletableFuture<Void> close() {
        return engine.onLoop(() -> {
            forwarding.close();
            engine.closed(this);
            return null;
        });
    }
}
