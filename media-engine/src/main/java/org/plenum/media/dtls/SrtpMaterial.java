package org.plenum.media.dtls;

import java.util.Arrays;

/**
 * What a completed DTLS-SRTP handshake yields: the negotiated SRTP protection profile and the output of
 * the exporter with label {@code "EXTRACTOR-dtls_srtp"} (RFC 5764 §4.2), laid out as
 * {@code client_key | server_key | client_salt | server_salt}. Its length is {@code 2 * (key + salt)} of
 * the profile: 56 bytes for AEAD_AES_128_GCM, 60 for AES_CM_128_HMAC_SHA1_80.
 *
 * <p>Both sides of one handshake get equal material; which half is "ours" depends on the DTLS role,
 * which the srtp package resolves.
 *
 * @param profileId       the SRTP protection profile id, {@link #AEAD_AES_128_GCM} or {@link #AES_CM_128_HMAC_SHA1_80}
 * @param keyingMaterial  the exporter output (copied in and out: the record cannot be changed)
 */
public record SrtpMaterial(int profileId, byte[] keyingMaterial) {

    /** RFC 7714 AEAD_AES_128_GCM: 16-byte key, 12-byte salt. */
    public static final int AEAD_AES_128_GCM = 0x0007;
    /** RFC 5764 SRTP_AES128_CM_HMAC_SHA1_80: 16-byte key, 14-byte salt. */
    public static final int AES_CM_128_HMAC_SHA1_80 = 0x0001;

    public SrtpMaterial {
        int expected = SrtpProtectionProfile.byId(profileId).keyingMaterialLength();
        if (keyingMaterial == null || keyingMaterial.length != expected) {
            throw new IllegalArgumentException(String.format("profile 0x%04x needs %d bytes of keying material, got %s",
                    profileId, expected, keyingMaterial == null ? "null" : keyingMaterial.length));
        }
        keyingMaterial = keyingMaterial.clone();
    }

    @Override
    public byte[] keyingMaterial() {
        return keyingMaterial.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpMaterial that && profileId == that.profileId
                && Arrays.equals(keyingMaterial, that.keyingMaterial);
    }

    @Override
    public int hashCode() {
        return 31 * profileId + Arrays.hashCode(keyingMaterial);
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return String.format("SrtpMaterial[profileId=0x%04x, keyingMaterial=%d bytes]", profileId, keyingMaterial.length);
    }
}
