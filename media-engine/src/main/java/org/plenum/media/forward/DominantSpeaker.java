package org.plenum.media.forward;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides who is speaking from the RFC 6464 audio levels the publishers' browsers put on every audio
 * packet, so the engine never decodes audio for this. Each participant has a smoothed speech activity (the
 * share of recent packets louder than a threshold); the dominant speaker changes when somebody else has
 * clearly more activity for a while, so a cough or a short "yes" does not flip the layout.
 */
public final class DominantSpeaker {

    /** Louder than −50 dBov counts as speech (RFC 6464 carries 0..127 as −dBov). */
    static final int SPEECH_DBOV = 50;
    private static final double SMOOTHING = 0.05; // per packet (~20 ms): about a second of memory
    private static final double MARGIN = 0.15;
    private static final long HOLD_MILLIS = 1_000;

    /** Smoothed activity per participant, updated in place: every audio packet passes here, so nothing is boxed. */
    private final Map<String, Activity> activity = new HashMap<>();
    private String current;
    private long currentSince;

    /** One audio packet's level from {@code participantId}. */
    public void onLevel(String participantId, int minusDbov, long nowMillis) {
        double sample = minusDbov <= SPEECH_DBOV ? 1.0 : 0.0;
        Activity a = activity.get(participantId);
        if (a == null) {
            activity.put(participantId, new Activity(sample * SMOOTHING));
        } else {
            a.value = a.value * (1 - SMOOTHING) + sample * SMOOTHING;
        }
    }

    /** Somebody left: they can no longer be the dominant speaker. */
    public void forget(String participantId) {
        activity.remove(participantId);
        if (participantId.equals(current)) {
            current = null;
        }
    }

    /** The current dominant speaker, or null. */
    public String current() {
        return current;
    }

    /**
     * Re-evaluates; call a few times a second.
     *
     * @return the new dominant speaker when it changed, otherwise null
     */
    public String evaluate(long nowMillis) {
        String best = null;
        double bestActivity = 0;
        for (Map.Entry<String, Activity> e : activity.entrySet()) {
            if (e.getValue().value > bestActivity) {
                best = e.getKey();
                bestActivity = e.getValue().value;
            }
        }
        if (best == null || best.equals(current) || bestActivity < 0.3) {
            return null;
        }
        double currentActivity = current == null ? 0 : activity(current);
        boolean held = current != null && nowMillis - currentSince < HOLD_MILLIS;
        if (current != null && (held || bestActivity < currentActivity + MARGIN)) {
            return null;
        }
        current = best;
        currentSince = nowMillis;
        return best;
    }

    /** Speech activity 0..1 of a participant, for last-N ordering. */
    public double activity(String participantId) {
        Activity a = activity.get(participantId);
        return a == null ? 0 : a.value;
    }

    private static final class Activity {
        double value;

        Activity(double value) {
            this.value = value;
        }
    }
}
