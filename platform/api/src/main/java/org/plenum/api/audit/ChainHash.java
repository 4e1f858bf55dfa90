package org.plenum.api.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 hash in the audit chain: an entry's own hash, or the hash it links to. Printed in
 * lower-case hex, as in reports.
 * {@snippet :
 * ChainHash h = entry.hash();
 * String printed = h.hex();                     // 64 hex digits
 * boolean same = ChainHash.ofHex(printed).equals(h);
 * }
 *
 * @param bytes the 32 bytes of the hash (copied in and out)
 */
public record ChainHash(byte[] bytes) {

    /** The "previous hash" of a chain's first entry: 32 zero bytes. */
    public static final ChainHash GENESIS = new ChainHash(new byte[32]);

    /** Copies the bytes. @throws IllegalArgumentException unless there are exactly 32 bytes */
    public ChainHash {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a SHA-256 hash has 32 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * Parses 64 hex digits.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ChainHash ofHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 hash is 64 hex digits, not " + hex.length() + " characters");
        }
        try {
            return new ChainHash(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a SHA-256 hash is 64 hex digits (0-9, a-f); this one has other characters", e);
        }
    }

    /** The SHA-256 of {@code data}. */
    public static ChainHash sha256(byte[] data) {
        try {
            return new ChainHash(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** A copy of the 32 bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, 64 digits. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainHash other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** {@link #hex()}. */
    @Override
    public String toString() {
        return hex();
    }
}
