package org.plenum.media.sdp;

/** {@code a=ssrc:<ssrc> <attribute>[:<value>]} (RFC 5576 §4.1), e.g. cname or msid. {@code value} is "" when absent. */
public record SsrcAttribute(long ssrc, String name, String value) {

    static SsrcAttribute parse(String attributeValue) {
        int space = attributeValue.indexOf(' ');
        String ssrcText = space < 0 ? attributeValue : attributeValue.substring(0, space);
        long ssrc = SdpText.ssrc(ssrcText);
        String rest = space < 0 ? "" : attributeValue.substring(space + 1);
        if (rest.isEmpty()) {
            throw new MalformedLine("ssrc needs '<ssrc> <attribute>'");
        }
        int colon = rest.indexOf(':');
        return colon < 0 ? new SsrcAttribute(ssrc, rest, "") : new SsrcAttribute(ssrc, rest.substring(0, colon), rest.substring(colon + 1));
    }
}
