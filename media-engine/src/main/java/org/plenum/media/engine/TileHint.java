package org.plenum.media.engine;

/**
 * How large a subscriber shows one participant's video (CSS pixels times device pixel ratio). A tile of
 * 0×0 means "not visible": the engine then stops forwarding that video to this subscriber.
 */
public record TileHint(String participantId, MediaSource source, int width, int height) {
    public TileHint {
        if (width < 0 || height < 0 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("tile size must be 0..16384 pixels, got " + width + "x" + height);
        }
    }

    public boolean visible() {
        return width > 0 && height > 0;
    }
}
