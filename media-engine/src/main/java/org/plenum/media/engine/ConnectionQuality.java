package org.plenum.media.engine;

/**
 * How well a participant's connection carries media, from RTCP receiver reports: loss (0..1), round-trip
 * time and jitter, summarised as a score from 1 (unusable) to 5 (excellent) for the client's indicator.
 */
public record ConnectionQuality(double loss, int rttMillis, int jitterMillis, int score) {

    /** The score a person would give: loss hurts most, then delay, then jitter. */
    public static ConnectionQuality of(double loss, int rttMillis, int jitterMillis) {
        int score = 5;
        if (loss > 0.02 || rttMillis > 300 || jitterMillis > 30) {
            score = 4;
        }
        if (loss > 0.05 || rttMillis > 500 || jitterMillis > 50) {
            score = 3;
        }
        if (loss > 0.10 || rttMillis > 800 || jitterMillis > 100) {
            score = 2;
        }
        if (loss > 0.20 || rttMillis > 1500) {
            score = 1;
        }
        return new ConnectionQuality(loss, rttMillis, jitterMillis, score);
    }
}
