package org.plenum.media.ice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the "TURN REST API" convention that coturn implements with
 * {@code use-auth-secret} / {@code static-auth-secret}: the username is
 * {@code "<expiry as Unix seconds>:<user id>"} and the password is
 * {@code base64(HMAC-SHA1(shared secret, username))}. coturn recomputes the password from the username
 * and refuses it once the expiry has passed, so nothing needs to be stored.
 *
 * <pre>{@code
 * TurnRestCredentials c = TurnRestCredentials.issue(secret, "participant-42", Instant.now(), Duration.ofHours(6));
 * // hand c.username() / c.password() to the browser as an RTCIceServer
 * }</pre>
 *
 * {@link #toString()} does not reveal the password.
 *
 * @param username  "<expiry>:<user id>"
 * @param password  base64 HMAC-SHA1 of the username under the shared secret
 * @param expiresAt when coturn stops accepting them
 */
public record TurnRestCredentials(String username, String password, Instant expiresAt) {

    public TurnRestCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Credentials for {@code userId} valid for {@code ttl} from {@code now}.
     *
     * @param sharedSecret coturn's static-auth-secret (its bytes as coturn reads them: UTF-8)
     * @param userId       any id without ':' (coturn splits the username at the first ':'); may be empty
     */
    public static TurnRestCredentials issue(String sharedSecret, String userId, Instant now, Duration ttl) {
        Objects.requireNonNull(sharedSecret, "sharedSecret");
        Objects.requireNonNull(userId, "userId");
        if (sharedSecret.isEmpty()) {
            throw new IllegalArgumentException("the TURN shared secret must not be empty");
        }
        if (userId.indexOf(':') >= 0 || userId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a TURN user id must not contain ':' or control characters");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the TURN credential TTL must be positive: " + ttl);
        }
        long expiry = now.plus(ttl).getEpochSecond();
        String username = userId.isEmpty() ? Long.toString(expiry) : expiry + ":" + userId;
        return new TurnRestCredentials(username, passwordFor(sharedSecret, username), Instant.ofEpochSecond(expiry));
    }

    /**
     * Whether {@code username}/{@code password} are valid under {@code sharedSecret} at {@code now}, as coturn
     * would decide. Handy for tests and for a TURN server of our own.
     */
    public static boolean accepts(String sharedSecret, String username, String password, Instant now) {
        if (sharedSecret.isEmpty()) {
            return false;
        }
        int colon = username.indexOf(':');
        String expiryText = colon < 0 ? username : username.substring(0, colon);
        long expiry;
        try {
            expiry = Long.parseLong(expiryText);
        } catch (NumberFormatException e) {
            return false;
        }
        if (now.getEpochSecond() >= expiry) {
            return false;
        }
        byte[] expected = passwordFor(sharedSecret, username).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.US_ASCII));
    }

    /** How long these credentials remain valid from {@code now} (zero once expired). */
    public Duration ttlFrom(Instant now) {
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String passwordFor(String sharedSecret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA1", e);
        }
    }

    @Override
    public String toString() {
        return "TurnRestCredentials[username=" + username + ", expiresAt=" + expiresAt + "]";
    }
}
