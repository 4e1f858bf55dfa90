package org.plenum.media.srtp;

/**
 * The per-SSRC states of one context, bounded so that a peer cannot grow memory without limit.
 * A linear scan over an {@code int[]} beats hashing at this size and boxes nothing; the last hit is tried
 * first because packets of one stream tend to arrive in runs.
 */
final class SsrcTable {
    private final int[] ssrcs;
    private final StreamState[] states;
    private int size;
    private int lastHit;

    SsrcTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("at least one SSRC must be allowed");
        }
        ssrcs = new int[capacity];
        states = new StreamState[capacity];
    }

    StreamState find(int ssrc) {
        if (lastHit < size && ssrcs[lastHit] == ssrc) {
            return states[lastHit];
        }
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                lastHit = i;
                return states[i];
            }
        }
        return null;
    }

    boolean isFull() {
        return size == ssrcs.length;
    }

    /** Adds a fresh state for an SSRC not yet present; null when the table is full. */
    StreamState add(int ssrc) {
        if (isFull()) {
            return null;
        }
        StreamState s = new StreamState(ssrc);
        ssrcs[size] = ssrc;
        states[size] = s;
        lastHit = size;
        size++;
        return s;
    }

    boolean remove(int ssrc) {
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                size--;
                ssrcs[i] = ssrcs[size];
                states[i] = states[size];
                states[size] = null;
                lastHit = 0;
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }
}
