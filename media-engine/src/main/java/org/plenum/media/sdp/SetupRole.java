package org.plenum.media.sdp;

/** DTLS role negotiation attribute {@code a=setup} (RFC 4145 §4, RFC 8842). */
public enum SetupRole {
    ACTPASS, ACTIVE, PASSIVE, HOLDCONN;

    public String attributeValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static SetupRole ofAttributeValue(String value) {
        return switch (value) {
            case "actpass" -> ACTPASS;
            case "active" -> ACTIVE;
            case "passive" -> PASSIVE;
            case "holdconn" -> HOLDCONN;
            default -> null;
        };
    }
}
