package org.plenum.media.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as RFC 3711 §4.1.1 defines it: keystream block i is AES(k, IV + i mod 2^128).
 *
 * <p>Why ECB over our own counter blocks instead of {@code AES/CTR/NoPadding}: a JCE CTR cipher can only be
 * pointed at a new IV by {@code init}, which allocates (key copy, parameter spec) on every packet. ECB is
 * initialised once; each packet costs one {@code update} over reused scratch arrays. Both run on AES-NI.
 *
 * <p>Not thread-safe: the scratch arrays belong to the owning context.
 */
final class AesCounterKeystream {
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle NATIVE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final Cipher ecb;
    private byte[] counters = new byte[1536];
    private byte[] keystream = new byte[1536];

    AesCounterKeystream(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/ECB/NoPadding", e);
        }
    }

    /** XORs {@code buf[off, off+len)} with the keystream that starts at the 16-byte counter block {@code iv}. */
    void apply(byte[] iv, byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        int blocks = (len + 15) >>> 4;
        int n = blocks << 4;
        if (counters.length < n) {
            // grows once to the largest packet seen; never shrinks
            counters = new byte[n];
            keystream = new byte[n];
        }
        long hi = (long) BE_LONG.get(iv, 0);
        long lo = (long) BE_LONG.get(iv, 8);
        for (int b = 0, p = 0; b < blocks; b++, p += 16) {
            long l = lo + b;
            long h = Long.compareUnsigned(l, lo) < 0 ? hi + 1 : hi;
            BE_LONG.set(counters, p, h);
            BE_LONG.set(counters, p + 8, l);
        }
        try {
            ecb.update(counters, 0, n, keystream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("keystream scratch too small", e);
        }
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long x = (long) NATIVE_LONG.get(buf, off + i) ^ (long) NATIVE_LONG.get(keystream, i);
            NATIVE_LONG.set(buf, off + i, x);
        }
        for (; i < len; i++) {
            buf[off + i] ^= keystream[i];
        }
    }
}
