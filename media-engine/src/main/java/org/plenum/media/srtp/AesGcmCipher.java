package org.plenum.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM (RFC 7714). SRTP: IV = {@code 00 00 | SSRC | ROC | SEQ} XOR salt, the RTP header is the
 * associated data. SRTCP: IV = {@code 00 00 | SSRC | 00 00 | 0 | index} XOR salt, the associated data is the
 * 8-byte header plus {@code E | index} — or, with E clear, the whole packet plus {@code E | index}.
 *
 * <p>The JCE GCM cipher takes a new IV only through {@code init}, so it is re-initialised per packet; that
 * allocates a little inside the JDK and is the price of an AES-NI/CLMUL backed GHASH. The JDK also refuses to
 * encrypt twice in a row under one key and IV, which the context's send-side replay check already rules out.
 */
final class AesGcmCipher implements PacketCipher {
    private static final int TAG = SrtpProfile.AEAD_AES_128_GCM.tagLength();
    private static final int TAG_BITS = TAG * 8;

    private final Cipher gcm;
    private final SecretKeySpec rtpKey;
    private final SecretKeySpec rtcpKey;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[12];
    private final byte[] trailer = new byte[4];

    AesGcmCipher(SessionKeys keys) {
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/GCM/NoPadding", e);
        }
        rtpKey = new SecretKeySpec(keys.rtpKey(), "AES");
        rtcpKey = new SecretKeySpec(keys.rtcpKey(), "AES");
        rtpSalt = keys.rtpSalt();
        rtcpSalt = keys.rtcpSalt();
    }

    @Override
    public int protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, rtpKey, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(buf, off, headerLength);
            int n = gcm.doFinal(buf, off + headerLength, len - headerLength, buf, off + headerLength);
            return headerLength + n;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public int unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) throws SrtpException {
        rtpIv(ssrc, index);
        try {
            gcm.init(Cipher.DECRYPT_MODE, rtpKey, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(buf, off, headerLength);
            int n = gcm.doFinal(buf, off + headerLength, len - headerLength, buf, off + headerLength);
            return headerLength + n;
        } catch (AEADBadTagException e) {
            throw SrtpException.of(SrtpFailure.AUTH_FAILED);
        } catch (GeneralSecurityException e) {
            // nothing a peer sends should get here; still, a packet we cannot open is one we drop
            throw SrtpException.of(SrtpFailure.AUTH_FAILED);
        }
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
        rtcpIv(ssrc, index);
        BigEndian.writeInt(trailer, 0, 0x8000_0000 | index);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(buf, off, 8);
            gcm.updateAAD(trailer, 0, 4);
            int n = gcm.doFinal(buf, off + 8, len - 8, buf, off + 8);
            System.arraycopy(trailer, 0, buf, off + 8 + n, 4);
            return 8 + n + 4;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eAndIndex) throws SrtpException {
        rtcpIv(ssrc, eAndIndex & 0x7FFF_FFFF);
        int trailerOff = off + len - 4;
        try {
            gcm.init(Cipher.DECRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG_BITS, iv));
            if (eAndIndex < 0) {
                gcm.updateAAD(buf, off, 8);
                gcm.updateAAD(buf, trailerOff, 4);
                int n = gcm.doFinal(buf, off + 8, len - 8 - 4, buf, off + 8);
                return 8 + n;
            }
            // E clear: authenticated only; the whole RTCP compound is associated data, the plaintext is empty
            int rtcpLength = len - 4 - TAG;
            gcm.updateAAD(buf, off, rtcpLength);
            gcm.updateAAD(buf, trailerOff, 4);
            gcm.doFinal(buf, off + rtcpLength, TAG, buf, off + rtcpLength);
            return rtcpLength;
        } catch (GeneralSecurityException e) {
            throw SrtpException.of(SrtpFailure.AUTH_FAILED);
        }
    }

    private void rtpIv(int ssrc, long index) {
        iv[0] = 0;
        iv[1] = 0;
        BigEndian.writeInt(iv, 2, ssrc);
        BigEndian.writeInt(iv, 6, (int) (index >>> 16)); // ROC
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        xorSalt(rtpSalt);
    }

    private void rtcpIv(int ssrc, int index) {
        iv[0] = 0;
        iv[1] = 0;
        BigEndian.writeInt(iv, 2, ssrc);
        iv[6] = 0;
        iv[7] = 0;
        BigEndian.writeInt(iv, 8, index);
        xorSalt(rtcpSalt);
    }

    private void xorSalt(byte[] salt) {
        for (int i = 0; i < 12; i++) {
            iv[i] ^= salt[i];
        }
    }
}
