package org.plenum.media.srtp;

/**
 * The highest packet index accepted so far and a bitmap of which of the {@code size} indices below it were
 * seen (RFC 3711 §3.3.2). Checking and accepting are separate steps so that a packet only enters the window
 * after it authenticated.
 */
final class ReplayWindow {
    /** Result of {@link #check(long)}. */
    static final int FRESH = 0;
    static final int REPLAYED = 1;
    static final int TOO_OLD = 2;

    private final long[] bits; // bit i (word i/64, bit i%64) set: index (highest - i) was accepted
    private final int size;
    private long highest = -1;

    ReplayWindow(int size) {
        if (size < 64 || size % 64 != 0) {
            throw new IllegalArgumentException("replay window size must be a positive multiple of 64");
        }
        this.bits = new long[size / 64];
        this.size = size;
    }

    /** The highest accepted index, or -1 before the first. */
    long highest() {
        return highest;
    }

    int check(long index) {
        if (index < 0) {
            return TOO_OLD;
        }
        if (highest < 0 || index > highest) {
            return FRESH;
        }
        long delta = highest - index;
        if (delta >= size) {
            return TOO_OLD;
        }
        int d = (int) delta;
        return (bits[d >>> 6] & (1L << (d & 63))) != 0 ? REPLAYED : FRESH;
    }

    /** Records an index that passed {@link #check(long)} and authenticated. */
    void accept(long index) {
        if (highest < 0) {
            highest = index;
            bits[0] = 1L;
            return;
        }
        if (index > highest) {
            shiftTowardsOld(index - highest);
            highest = index;
            bits[0] |= 1L;
        } else {
            int d = (int) (highest - index);
            bits[d >>> 6] |= 1L << (d & 63);
        }
    }

    private void shiftTowardsOld(long distance) {
        if (distance >= size) {
            java.util.Arrays.fill(bits, 0L);
            return;
        }
        int words = (int) (distance >>> 6);
        int shift = (int) (distance & 63);
        for (int w = bits.length - 1; w >= 0; w--) {
            int src = w - words;
            long v = 0;
            if (src >= 0) {
                v = bits[src] << shift;
                if (shift != 0 && src > 0) {
                    v |= bits[src - 1] >>> (64 - shift);
                }
            }
            bits[w] = v;
        }
    }
}
