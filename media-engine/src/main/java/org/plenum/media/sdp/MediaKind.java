package org.plenum.media.sdp;

/** The media kinds the engine forwards. Other m-line kinds (application, text) are kept as text but never accepted. */
public enum MediaKind {
    AUDIO, VIDEO;

    /** The media name as written on the m-line. */
    public String mediaName() {
        return this == AUDIO ? "audio" : "video";
    }

    static MediaKind ofMediaName(String name) {
        return switch (name) {
            case "audio" -> AUDIO;
            case "video" -> VIDEO;
            default -> null;
        };
    }
}
