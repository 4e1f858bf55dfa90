package org.plenum.media.sdp;

/**
 * One {@code <type>=<value>} line of a session description (RFC 8866 §5), without its line ending.
 * Attribute lines ({@code a=}) are split further by {@link #attributeName()} and {@link #attributeValue()}.
 */
public record SdpLine(char type, String value) {

    public SdpLine {
        if (type < 'a' || type > 'z') {
            throw new IllegalArgumentException("SDP line type must be a lowercase letter: " + type);
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("SDP line value must be one line");
        }
    }

    /** {@code a=name:value}, or the flag {@code a=name} when {@code value} is null. */
    public static SdpLine attribute(String name, String value) {
        return new SdpLine('a', value == null ? name : name + ":" + value);
    }

    public static SdpLine flag(String name) {
        return new SdpLine('a', name);
    }

    public boolean isAttribute() {
        return type == 'a';
    }

    /** True for {@code a=name} and {@code a=name:...}. */
    public boolean isAttribute(String name) {
        if (type != 'a' || !value.startsWith(name)) {
            return false;
        }
        return value.length() == name.length() || value.charAt(name.length()) == ':';
    }

    /** The attribute name (text before the first ':'); only meaningful for {@code a=} lines. */
    public String attributeName() {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** The attribute value (text after the first ':'), or "" for a flag attribute. */
    public String attributeValue() {
        int colon = value.indexOf(':');
        return colon < 0 ? "" : value.substring(colon + 1);
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
