package org.plenum.media.sdp;

import java.util.Locale;

/** {@code a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]} (RFC 8866 §6.6); channels is 1 when absent. */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {

    /** True when the encoding name matches ignoring case, as RFC 8866 asks. */
    public boolean is(String name) {
        return encodingName.equalsIgnoreCase(name);
    }

    public String attributeValue() {
        return payloadType + " " + encodingName + "/" + clockRate + (channels != 1 ? "/" + channels : "");
    }

    static RtpMap parse(String attributeValue) {
        String[] parts = SdpText.headAndRest(attributeValue, "rtpmap");
        int pt = SdpText.payloadType(parts[0]);
        String[] enc = parts[1].trim().split("/", -1);
        if (enc.length < 2 || enc.length > 3 || !SdpText.isToken(enc[0]) || enc[0].length() > 32) {
            throw new MalformedLine("rtpmap needs '<pt> <encoding>/<clock rate>[/<channels>]'");
        }
        int clock = (int) SdpText.number(enc[1], 1, 10_000_000, "clock rate");
        int channels = enc.length == 3 ? (int) SdpText.number(enc[2], 1, 255, "channels") : 1;
        return new RtpMap(pt, enc[0], clock, channels);
    }

    String lowerName() {
        return encodingName.toLowerCase(Locale.ROOT);
    }
}
