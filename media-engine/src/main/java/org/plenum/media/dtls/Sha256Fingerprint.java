package org.plenum.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A SHA-256 certificate fingerprint in the form SDP uses ({@code a=fingerprint:sha-256 AB:CD:...}):
 * 32 uppercase hex pairs separated by ':'.
 */
record Sha256Fingerprint(String value) {

    private static final Pattern SDP_FORM = Pattern.compile("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    Sha256Fingerprint {
        if (value == null || !SDP_FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a sha-256 fingerprint must be 32 hex pairs separated by ':' (as in a=fingerprint:sha-256), got: "
                            + abbreviate(value));
        }
    }

    /** Accepts the SDP value in either case and with surrounding blanks; browsers send uppercase. */
    static Sha256Fingerprint parse(String sdpValue) {
        return new Sha256Fingerprint(sdpValue == null ? null : sdpValue.strip().toUpperCase(Locale.ROOT));
    }

    static Sha256Fingerprint of(byte[] derCertificate) {
        try {
            return new Sha256Fingerprint(COLON_HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(derCertificate)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 120 ? '"' + s + '"' : '"' + s.substring(0, 120) + "...\" (" + s.length() + " chars)";
    }
}
