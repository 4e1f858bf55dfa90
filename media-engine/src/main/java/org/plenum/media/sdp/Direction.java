package org.plenum.media.sdp;

/** Media direction attribute of an m-line (RFC 8866 §6.7), from the point of view of the SDP's author. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute name as written in SDP ({@code sendrecv}, ...). */
    public String attributeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    static Direction ofAttribute(String name) {
        return switch (name) {
            case "sendrecv" -> SENDRECV;
            case "sendonly" -> SENDONLY;
            case "recvonly" -> RECVONLY;
            case "inactive" -> INACTIVE;
            default -> null;
        };
    }
}
