package org.plenum.media.forward;

/**
 * Which simulcast layer a subscriber gets: the smallest that fills its tile, lowered until it fits the
 * subscriber's bandwidth. Layers are indexed low (0) to high; a layer the publisher is not sending has
 * bitrate 0 and cannot be chosen.
 */
public final class LayerChoice {

    /** Tile heights up to which the low and the middle layer suffice (the top layer is for the rest). */
    static final int LOW_MAX_HEIGHT = 180;
    static final int MIDDLE_MAX_HEIGHT = 360;

    private LayerChoice() {
    }

    /** The layer a tile of this height wants, for {@code layers} layers (1..3). */
    public static int forTile(int tileHeight, int layers) {
        if (layers <= 1) {
            return 0;
        }
        int wanted = tileHeight <= LOW_MAX_HEIGHT ? 0 : tileHeight <= MIDDLE_MAX_HEIGHT ? 1 : 2;
        return Math.min(wanted, layers - 1);
    }

    /**
     * @param bitrates    measured bits per second of each layer, low to high; 0 = not arriving
     * @param wanted      the layer the tile wants ({@link #forTile})
     * @param budgetBps   what the subscriber's link can take for this stream; {@code Long.MAX_VALUE} if unknown
     * @return the chosen layer, or -1 when no layer arrives
     */
    public static int choose(long[] bitrates, int wanted, long budgetBps) {
        int best = -1;
        for (int i = Math.min(wanted, bitrates.length - 1); i >= 0; i--) {
            if (bitrates[i] <= 0) {
                continue;
            }
            if (best < 0) {
                best = i; // the highest arriving layer at or below the wanted one, whatever the budget
            }
            if (bitrates[i] <= budgetBps) {
                return i;
            }
        }
        if (best >= 0) {
            // nothing fits: the lowest arriving layer is still better than a frozen tile
            for (int i = 0; i < bitrates.length; i++) {
                if (bitrates[i] > 0) {
                    return i;
                }
            }
        }
        // nothing at or below the wanted layer arrives: take the lowest that does
        for (int i = 0; i < bitrates.length; i++) {
            if (bitrates[i] > 0) {
                return i;
            }
        }
        return -1;
    }
}
