package org.plenum.media.dtls;

import org.bouncycastle.tls.SRTPProtectionProfile;

/**
 * The DTLS-SRTP protection profiles this package negotiates, with the master key and salt sizes that fix
 * the length of the exported keying material (RFC 5764 §4.2, RFC 7714 §12). Kept here rather than
 * borrowed from the srtp package so that dtls stands alone; the public API speaks in profile ids.
 */
enum SrtpProtectionProfile {
    AEAD_AES_128_GCM(SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, 16, 12),
    AES_CM_128_HMAC_SHA1_80(SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, 16, 14);

    final int id;
    final int keyLength;
    final int saltLength;

    SrtpProtectionProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** client key | server key | client salt | server salt. */
    int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    static SrtpProtectionProfile byId(int id) {
        for (SrtpProtectionProfile profile : values()) {
            if (profile.id == id) {
                return profile;
            }
        }
        throw new IllegalArgumentException(String.format(
                "unsupported SRTP protection profile 0x%04x; supported: 0x0007 (AEAD_AES_128_GCM), "
                        + "0x0001 (AES_CM_128_HMAC_SHA1_80)", id));
    }
}
