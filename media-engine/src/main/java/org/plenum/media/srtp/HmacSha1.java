package org.plenum.media.srtp;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA1 (RFC 2104) over two reused SHA-1 digests, writing the tag into a caller's array.
 *
 * <p>Why not {@code javax.crypto.Mac}: its {@code doFinal(byte[], int)} allocates a fresh array for every
 * tag and copies it out, once per SRTP packet. {@code MessageDigest.digest(byte[], int, int)} writes in place,
 * and hashing the padded key blocks per message costs what {@code Mac} itself does after each reset. Both use
 * the JDK's SHA-1 intrinsic.
 *
 * <p>Not thread-safe: one instance belongs to one cipher of one context.
 */
final class HmacSha1 {
    static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] innerHash = new byte[LENGTH];

    HmacSha1(byte[] key) {
        try {
            inner = MessageDigest.getInstance("SHA-1");
            outer = MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
        byte[] k = key.length > BLOCK ? inner.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        inner.reset();
        inner.update(innerPad);
    }

    /** Adds message bytes; the first call after {@link #finish} starts a new message. */
    void update(byte[] buf, int off, int len) {
        inner.update(buf, off, len);
    }

    /** Writes the 20-byte tag of the message so far to {@code out[off..]} and starts the next message. */
    void finish(byte[] out, int off) {
        try {
            inner.digest(innerHash, 0, LENGTH);
            inner.update(innerPad);
            outer.update(outerPad);
            outer.update(innerHash);
            outer.digest(out, off, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 output buffer too small", e);
        }
    }
}
