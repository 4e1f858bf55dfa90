package org.plenum.media.srtp;

/**
 * The cryptographic transform of one profile, holding both the SRTP and the SRTCP session keys. The context
 * has already parsed, bounds-checked and replay-checked the packet and made sure the buffer has room.
 */
sealed interface PacketCipher permits AesCmHmacCipher, AesGcmCipher {

    /** Encrypts the payload after {@code headerLength} and appends the tag; returns the new length. */
    int protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index);

    /** Verifies and decrypts; {@code len} includes the tag. Returns the length of the plain RTP packet. */
    int unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) throws SrtpException;

    /** Encrypts everything after the first 8 bytes, appends E=1 with {@code index} and the tag; returns the new length. */
    int protectRtcp(byte[] buf, int off, int len, int ssrc, int index);

    /**
     * Verifies and (if the E bit in {@code eAndIndex} is set) decrypts; {@code len} includes the SRTCP index
     * and tag. Returns the length of the plain RTCP compound packet.
     */
    int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eAndIndex) throws SrtpException;
}
