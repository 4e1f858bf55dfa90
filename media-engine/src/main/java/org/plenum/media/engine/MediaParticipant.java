package org.plenum.media.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.plenum.media.forward.Peer;

/**
 * One participant's media, as the signaling layer drives it. Every method may be called from any thread;
 * the work happens on the engine's event loop, in call order.
 */
public final class MediaParticipant {

    private final MediaEngine engine;
    private final MediaRoom room;
    private final CompletableFuture<Peer> peer;

    MediaParticipant(MediaEngine engine, MediaRoom room, CompletableFuture<Peer> peer) {
        this.engine = engine;
        this.room = room;
        this.peer = peer;
    }

    /**
     * Answers the participant's publish offer.
     *
     * @param sources which mid carries which source; unnamed audio is the microphone, the first unnamed video
     *                the camera, a second one the screen
     * @return the SDP answer, or a {@link MediaException} that says what was wrong with the offer
     */
    public CompletableFuture<String> publish(String offer, Map<String, MediaSource> sources) {
        return peer.thenCompose(p -> engine.onLoop(() -> p.publish(offer, sources)));
    }

    /** The participant's answer to subscribe offer {@code version}. */
    public CompletableFuture<Void> answerSubscribe(String answer, long version) {
        return peer.thenCompose(p -> engine.onLoop(() -> {
            p.answerSubscribe(answer, version);
            return null;
        }));
    }

    public void view(List<TileHint> tiles) {
        List<TileHint> copy = List.copyOf(tiles);
        peer.thenCompose(p -> engine.onLoop(() -> {
            p.view(copy);
            return null;
        }));
    }

    public void audioOnly(boolean enabled) {
        peer.thenCompose(p -> engine.onLoop(() -> {
            p.audioOnly(enabled);
            return null;
        }));
    }

    /** A moderator's mute: the engine stops forwarding this participant's audio until lifted. */
    public void enforceMute(boolean muted) {
        peer.thenCompose(p -> engine.onLoop(() -> {
            p.enforceMute(muted);
            return null;
        }));
    }

    /** Leaves: both connections end, the others are re-offered without this participant's tracks. */
    public CompletableFuture<Void> leave() {
        return peer.thenCompose(p -> engine.onLoop(() -> {
            p.close();
            return null;
        }));
    }
}
