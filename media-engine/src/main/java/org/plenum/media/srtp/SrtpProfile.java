package org.plenum.media.srtp;

/**
 * The SRTP protection profiles the engine speaks, with their DTLS-SRTP ids (RFC 5764 §4.1.2, RFC 7714 §14.2)
 * and key, salt and tag lengths in bytes.
 */
public enum SrtpProfile {
    /** AES-128 in Galois/Counter Mode, RFC 7714. Preferred: one pass, and the tag covers header and payload. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16),
    /** AES-128 counter mode with an 80-bit HMAC-SHA1 tag, RFC 3711 — the profile every WebRTC endpoint supports. */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10);

    private final int id;
    private final int keyLength;
    private final int saltLength;
    private final int tagLength;

    SrtpProfile(int id, int keyLength, int saltLength, int tagLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
    }

    /** The two-byte DTLS-SRTP protection profile id. */
    public int id() {
        return id;
    }

    /** Master (and session) encryption key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master (and session) salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    /** Authentication tag length in bytes, appended to every SRTP and SRTCP packet. */
    public int tagLength() {
        return tagLength;
    }

    /**
     * The profile with the given DTLS-SRTP id.
     *
     * @throws IllegalArgumentException if the id is not one of ours (the DTLS layer offers only these two)
     */
    public static SrtpProfile byId(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        throw new IllegalArgumentException("unsupported SRTP protection profile id 0x%04x (supported: 0x0007, 0x0001)".formatted(id));
    }
}
