package org.plenum.media.stun;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two checksums STUN puts at the end of a message: the HMAC-SHA1 of MESSAGE-INTEGRITY and the
 * CRC-32 of FINGERPRINT. Both are computed over the message as it was when the attribute was appended,
 * i.e. with the header length field pretending the message ends right after that attribute.
 */
final class StunDigests {

    static final int HMAC_LENGTH = 20;
    /** XORed into the CRC so that FINGERPRINT tells STUN apart from other protocols' CRCs (RFC 8489 §14.7). */
    static final int FINGERPRINT_XOR = 0x5354554e;

    // One Mac per thread: Mac.getInstance walks the provider list, which is wasteful per check.
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA1", e);
        }
    });

    private StunDigests() {
    }

    /**
     * HMAC-SHA1 over {@code msg[off, off + length)} where the length field (bytes 2..3 of the header) is
     * replaced by {@code lengthField}.
     */
    static byte[] hmacSha1(byte[] key, byte[] msg, int off, int length, int lengthField) {
        if (key.length == 0) {
            // SecretKeySpec refuses empty keys; RFC 2104 pads any key to the block size, so an empty key
            // is the same as a key of one zero byte.
            key = new byte[1];
        }
        Mac mac = HMAC_SHA1.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 refused a raw key", e);
        }
        mac.update(msg, off, 2);
        mac.update((byte) (lengthField >>> 8));
        mac.update((byte) lengthField);
        mac.update(msg, off + 4, length - 4);
        return mac.doFinal();
    }

    /** CRC-32 of {@code msg[off, off + length)} xor 0x5354554e; the length field is taken as it stands. */
    static int fingerprint(byte[] msg, int off, int length) {
        CRC32 crc = new CRC32();
        crc.update(msg, off, length);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
