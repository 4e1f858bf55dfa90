package org.plenum.media.ice;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * An ICE username fragment and password (RFC 8839 §5.4: ufrag 4..256, pwd 22..256 ice-chars, i.e.
 * ALPHA / DIGIT / "+" / "/").
 *
 * <pre>{@code
 * IceCredentials local = IceCredentials.random();   // goes into our SDP as a=ice-ufrag / a=ice-pwd
 * }</pre>
 *
 * {@link #toString()} does not reveal the password.
 *
 * @param ufrag the username fragment
 * @param pwd   the password
 */
public record IceCredentials(String ufrag, String pwd) {

    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
        if (ufrag.length() < 4 || ufrag.length() > 256 || !isIceChars(ufrag)) {
            throw new IllegalArgumentException("ice-ufrag must be 4..256 of A-Z a-z 0-9 + /, got " + ufrag.length()
                    + " characters");
        }
        if (pwd.length() < 22 || pwd.length() > 256 || !isIceChars(pwd)) {
            throw new IllegalArgumentException("ice-pwd must be 22..256 of A-Z a-z 0-9 + /, got " + pwd.length()
                    + " characters");
        }
    }

    /** Fresh credentials: an 8-character ufrag and a 24-character password from a SecureRandom. */
    public static IceCredentials random() {
        return new IceCredentials(randomIceChars(8), randomIceChars(24));
    }

    /** The short-term MESSAGE-INTEGRITY key: the password as UTF-8 (RFC 8445 §7.2.2). */
    public byte[] integrityKey() {
        return pwd.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=(" + pwd.length() + " chars)]";
    }

    private static String randomIceChars(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return s.toString();
    }

    private static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (ICE_CHARS.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
