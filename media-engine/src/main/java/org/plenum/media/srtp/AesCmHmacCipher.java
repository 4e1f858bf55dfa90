package org.plenum.media.srtp;

/**
 * AES_CM_128_HMAC_SHA1_80 (RFC 3711): AES counter mode with IV {@code (salt * 2^16) XOR (SSRC * 2^64) XOR
 * (index * 2^16)}, then HMAC-SHA1 over the packet (plus ROC for SRTP), truncated to 80 bits.
 * Encrypt-then-MAC, so on receipt the tag is checked before anything is decrypted.
 */
final class AesCmHmacCipher implements PacketCipher {
    private static final int TAG = SrtpProfile.AES_CM_128_HMAC_SHA1_80.tagLength();

    private final AesCounterKeystream rtpKeystream;
    private final AesCounterKeystream rtcpKeystream;
    private final HmacSha1 rtpMac;
    private final HmacSha1 rtcpMac;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[16];
    private final byte[] roc = new byte[4];
    private final byte[] digest = new byte[20];

    AesCmHmacCipher(SessionKeys keys) {
        rtpKeystream = new AesCounterKeystream(keys.rtpKey());
        rtcpKeystream = new AesCounterKeystream(keys.rtcpKey());
        rtpMac = new HmacSha1(keys.rtpAuthKey());
        rtcpMac = new HmacSha1(keys.rtcpAuthKey());
        rtpSalt = keys.rtpSalt();
        rtcpSalt = keys.rtcpSalt();
    }

    @Override
    public int protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        counterIv(rtpSalt, ssrc, index);
        rtpKeystream.apply(iv, buf, off + headerLength, len - headerLength);
        rtpTag(buf, off, len, index);
        System.arraycopy(digest, 0, buf, off + len, TAG);
        return len + TAG;
    }

    @Override
    public int unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) throws SrtpException {
        int authenticated = len - TAG;
        rtpTag(buf, off, authenticated, index);
        if (!tagMatches(buf, off + authenticated)) {
            throw SrtpException.of(SrtpFailure.AUTH_FAILED);
        }
        counterIv(rtpSalt, ssrc, index);
        rtpKeystream.apply(iv, buf, off + headerLength, authenticated - headerLength);
        return authenticated;
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
        counterIv(rtcpSalt, ssrc, index);
        rtcpKeystream.apply(iv, buf, off + 8, len - 8);
        BigEndian.writeInt(buf, off + len, 0x8000_0000 | index);
        rtcpTag(buf, off, len + 4);
        System.arraycopy(digest, 0, buf, off + len + 4, TAG);
        return len + 4 + TAG;
    }

    @Override
    public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eAndIndex) throws SrtpException {
        int authenticated = len - TAG; // RTCP compound + E||index
        rtcpTag(buf, off, authenticated);
        if (!tagMatches(buf, off + authenticated)) {
            throw SrtpException.of(SrtpFailure.AUTH_FAILED);
        }
        int rtcpLength = authenticated - 4;
        if (eAndIndex < 0) {
            counterIv(rtcpSalt, ssrc, eAndIndex & 0x7FFF_FFFF);
            rtcpKeystream.apply(iv, buf, off + 8, rtcpLength - 8);
        }
        return rtcpLength;
    }

    private void counterIv(byte[] salt, int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (index >>> (8 * i));
        }
    }

    /** HMAC over the authenticated portion followed by the 32-bit ROC (RFC 3711 §4.2). */
    private void rtpTag(byte[] buf, int off, int len, long index) {
        BigEndian.writeInt(roc, 0, (int) (index >>> 16));
        rtpMac.update(buf, off, len);
        rtpMac.update(roc, 0, 4);
        rtpMac.finish(digest, 0);
    }

    private void rtcpTag(byte[] buf, int off, int len) {
        rtcpMac.update(buf, off, len);
        rtcpMac.finish(digest, 0);
    }

    /** Constant time, so that timing does not tell a forger how many tag bytes were right. */
    private boolean tagMatches(byte[] buf, int tagOff) {
        int diff = 0;
        for (int i = 0; i < TAG; i++) {
            diff |= digest[i] ^ buf[tagOff + i];
        }
        return diff == 0;
    }
}
