package org.plenum.media.sdp;

import java.util.Locale;

/**
 * {@code a=fingerprint:<hash-function> <value>} (RFC 8122). The engine only uses sha-256, whose value is
 * 32 colon-separated hex bytes; {@link #value()} is normalised to uppercase.
 */
public record Fingerprint(String hashFunction, String value) {

    public Fingerprint {
        hashFunction = hashFunction.toLowerCase(Locale.ROOT);
        value = value.toUpperCase(Locale.ROOT);
    }

    public boolean isSha256() {
        return hashFunction.equals("sha-256");
    }

    static Fingerprint parse(String attributeValue) {
        String[] parts = SdpText.headAndRest(attributeValue.trim(), "fingerprint");
        String hash = parts[0];
        String value = parts[1].trim();
        if (hash.length() > 16 || !SdpText.isToken(hash)) {
            throw new MalformedLine("fingerprint hash function '" + SdpException.quote(hash) + "' is not a token");
        }
        if (!isHexPairs(value, 64)) {
            throw new MalformedLine("fingerprint value is not colon-separated hex bytes");
        }
        Fingerprint fp = new Fingerprint(hash, value);
        if (fp.isSha256() && !isHexPairs(value, 32)) {
            throw new MalformedLine("sha-256 fingerprint must have 32 bytes");
        }
        return fp;
    }

    /** {@code "AB:CD:..."} with at most {@code maxBytes} bytes (exactly {@code maxBytes} when checking sha-256). */
    static boolean isHexPairs(String value, int bytes) {
        int n = value.length();
        if (n < 2 || (n + 1) % 3 != 0 || (n + 1) / 3 > bytes) {
            return false;
        }
        if (bytes == 32 && (n + 1) / 3 != 32) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : Character.digit(c, 16) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
