package org.plenum.media.sdp;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285 §8). {@code direction} is null when
 * not written; {@code attributes} is "" when absent.
 */
public record Extmap(int id, Direction direction, String uri, String attributes) {

    /** RFC 8285 ids: 1-14 for one-byte headers, up to 255 with two-byte headers; 0 is never valid. */
    public static final int MAX_ID = 255;

    public String attributeValue() {
        return id + (direction != null ? "/" + direction.attributeName() : "") + " " + uri
                + (attributes.isEmpty() ? "" : " " + attributes);
    }

    static Extmap parse(String attributeValue) {
        String[] parts = SdpText.headAndRest(attributeValue, "extmap");
        String idPart = parts[0];
        Direction direction = null;
        int slash = idPart.indexOf('/');
        if (slash >= 0) {
            direction = Direction.ofAttribute(idPart.substring(slash + 1));
            if (direction == null) {
                throw new MalformedLine("extmap direction '" + SdpException.quote(idPart.substring(slash + 1)) + "' is unknown");
            }
            idPart = idPart.substring(0, slash);
        }
        int id = (int) SdpText.number(idPart, 1, MAX_ID, "extmap id");
        String rest = parts[1].trim();
        int space = rest.indexOf(' ');
        String uri = space < 0 ? rest : rest.substring(0, space);
        String attributes = space < 0 ? "" : rest.substring(space + 1).trim();
        if (uri.isEmpty() || uri.length() > 256) {
            throw new MalformedLine("extmap needs a URI of at most 256 characters");
        }
        return new Extmap(id, direction, uri, attributes);
    }
}
