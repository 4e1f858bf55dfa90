package org.plenum.media.srtp;

/**
 * The six session keys derived from a master key with the AES-CM PRF (RFC 3711 §4.3, key derivation rate 0,
 * so derivation happens once per context). The GCM profile has no authentication keys (they are empty).
 * RFC 7714 §11 uses the same PRF; its 12-byte master salt is zero-padded on the right to the PRF's 14 bytes.
 */
record SessionKeys(byte[] rtpKey, byte[] rtpAuthKey, byte[] rtpSalt,
                   byte[] rtcpKey, byte[] rtcpAuthKey, byte[] rtcpSalt) {

    static final int LABEL_RTP_ENCRYPTION = 0x00;
    static final int LABEL_RTP_AUTH = 0x01;
    static final int LABEL_RTP_SALT = 0x02;
    static final int LABEL_RTCP_ENCRYPTION = 0x03;
    static final int LABEL_RTCP_AUTH = 0x04;
    static final int LABEL_RTCP_SALT = 0x05;

    /** HMAC-SHA1 session authentication key length (RFC 3711 §8.2: n_a = 160 bits). */
    static final int HMAC_SHA1_KEY_LENGTH = 20;

    static SessionKeys derive(SrtpMasterKey master) {
        SrtpProfile p = master.profile();
        byte[] key = master.key();
        byte[] salt = master.salt();
        int authLength = p == SrtpProfile.AES_CM_128_HMAC_SHA1_80 ? HMAC_SHA1_KEY_LENGTH : 0;
        return new SessionKeys(
                prf(key, salt, LABEL_RTP_ENCRYPTION, p.keyLength()),
                prf(key, salt, LABEL_RTP_AUTH, authLength),
                prf(key, salt, LABEL_RTP_SALT, p.saltLength()),
                prf(key, salt, LABEL_RTCP_ENCRYPTION, p.keyLength()),
                prf(key, salt, LABEL_RTCP_AUTH, authLength),
                prf(key, salt, LABEL_RTCP_SALT, p.saltLength()));
    }

    /**
     * AES-CM PRF: the first {@code length} bytes of the AES-CM keystream under the master key, starting at
     * counter block {@code (master_salt XOR (label << 48)) * 2^16}.
     */
    static byte[] prf(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] out = new byte[length];
        if (length == 0) {
            return out;
        }
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, Math.min(masterSalt.length, 14));
        // label << 48 inside the 112-bit salt field lands on byte 7 (r = index DIV kdr is 0 with kdr 0)
        iv[7] ^= (byte) label;
        new AesCounterKeystream(masterKey).apply(iv, out, 0, length);
        return out;
    }
}
