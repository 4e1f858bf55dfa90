package org.plenum.minutes.document;

import java.util.Objects;
import org.plenum.api.room.Participant;

/**
 * Who made a change: a person ({@code u:<user id>} for an account, {@code p:<participant id>} for a guest, whose id
 * lasts one meeting) or the plugin itself ({@link #SYSTEM}, for attendance and vote results it fills in).
 *
 * @param key  the stable key
 * @param name the name shown in the minutes (personal data: never logged at INFO)
 */
public record Actor(String key, String name) {

    /** The plugin, filling in attendance and vote results. */
    public static final Actor SYSTEM = new Actor("system", "Plenum");

    /** Both are required. */
    public Actor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
    }

    /** The person behind a participant. */
    public static Actor of(Participant p) {
        return new Actor(keyOf(p), p.displayName());
    }

    /** {@code u:<user id>} or, for a guest, {@code p:<participant id>}. */
    public static String keyOf(Participant p) {
        return p.userId().map(u -> "u:" + u).orElse("p:" + p.id());
    }
}
