package org.plenum.media.engine;

/** What a published track shows: the microphone, the camera, or a shared screen. */
public enum MediaSource {
    MICROPHONE, CAMERA, SCREEN;

    public boolean video() {
        return this != MICROPHONE;
    }

    /** The lower-case name used in signaling and in the SDP's msid. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MediaSource fromWire(String s) {
        for (MediaSource m : values()) {
            if (m.wireName().equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown media source '" + s + "': expected microphone, camera or screen");
    }
}
