package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 7714 §16 and §17: AEAD_AES_128_GCM with the session key and salt given directly. */
class Rfc7714VectorsTest {

    private static final byte[] KEY = Hex.bytes("000102030405060708090a0b0c0d0e0f");
    private static final byte[] SALT = Hex.bytes("517569642070726f2071756f"); // "Quid pro quo"

    private static final byte[] RTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 47616c6c
            69612065 7374206f 6d6e6973 20646976
            69736120 696e2070 61727465 73207472
            6573""");
    private static final byte[] SRTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 f24de3a3
            fb34de6c acba861c 9d7e4bca be633bd5
            0d294e6f 42a5f47a 51c7d19b 36de3adf
            8833899d 7f27beb1 6a9152cf 765ee439
            0cce""");

    private static final byte[] RTCP = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef""");
    /** §17.1: encrypted, SRTCP index 0x5d4. */
    private static final byte[] SRTCP = Hex.bytes("""
            81c8000d 4d617273 63e94885 dcdab67c
            a727d766 2f6b7e99 7ff5c0f7 6c06f32d
            c676a5f1 730d6fda 4ce09b46 86303ded
            0bb9275b c84aa458 96cf4d2f c5abf872
            45d9eade 800005d4""");
    /** §17.3: authenticated only (E clear), SRTCP index 0x5d4. */
    private static final byte[] SRTCP_UNENCRYPTED = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef 841dd968 3dd78ec9 2ae58790
            125f62b3 000005d4""");

    private static SrtpContext context() {
        return new SrtpContext(SrtpProfile.AEAD_AES_128_GCM,
                new SessionKeys(KEY, new byte[0], SALT, KEY, new byte[0], SALT), SrtpContext.DEFAULT_MAX_SSRCS);
    }

    private static byte[] roomy(byte[] packet) {
        return Arrays.copyOf(packet, packet.length + 64);
    }

    @Test
    void rtpPacketEncryptsToTheRfc7714Section16Vector() throws SrtpException {
        byte[] buf = roomy(RTP);

        int n = context().protectRtp(buf, 0, RTP.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(SRTP);
    }

    @Test
    void rfc7714Section16VectorDecryptsToTheRtpPacket() throws SrtpException {
        byte[] buf = SRTP.clone();

        int n = context().unprotectRtp(buf, 0, buf.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(RTP);
    }

    @Test
    void rfc7714VectorWorksAtAnOffset() throws SrtpException {
        byte[] buf = new byte[7 + SRTP.length];
        System.arraycopy(SRTP, 0, buf, 7, SRTP.length);

        int n = context().unprotectRtp(buf, 7, SRTP.length);

        assertThat(Arrays.copyOfRange(buf, 7, 7 + n)).isEqualTo(RTP);
    }

    @Test
    void rtcpPacketEncryptsToTheRfc7714Section17Vector() throws SrtpException {
        SrtpContext sender = context();
        // the vector uses SRTCP index 0x5d4: send that many packets of this SSRC first
        for (int i = 0; i < 0x5d4; i++) {
            byte[] earlier = roomy(RTCP);
            sender.protectRtcp(earlier, 0, RTCP.length);
        }
        byte[] buf = roomy(RTCP);

        int n = sender.protectRtcp(buf, 0, RTCP.length);

        assertThat(Hex.of(buf, 0, n)).isEqualTo(Hex.of(SRTCP, 0, SRTCP.length));
    }

    @Test
    void rfc7714Section17VectorDecryptsToTheRtcpPacket() throws SrtpException {
        byte[] buf = SRTCP.clone();

        int n = context().unprotectRtcp(buf, 0, buf.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(RTCP);
    }

    @Test
    void unencryptedSrtcpOfRfc7714Section17Point3IsAuthenticatedAndLeftAsIs() throws SrtpException {
        byte[] buf = SRTCP_UNENCRYPTED.clone();

        int n = context().unprotectRtcp(buf, 0, buf.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(RTCP);
    }

    @Test
    void settingTheEBitOnAnUnencryptedSrtcpPacketBreaksItsTag() {
        byte[] buf = SRTCP_UNENCRYPTED.clone();
        buf[buf.length - 4] |= (byte) 0x80;

        assertThatThrownBy(() -> context().unprotectRtcp(buf, 0, buf.length))
                .isInstanceOf(SrtpException.class)
                .extracting(e -> ((SrtpException) e).failure()).isEqualTo(SrtpFailure.AUTH_FAILED);
    }

    @Test
    void clearingTheEBitOfAnEncryptedSrtcpPacketBreaksItsTag() {
        byte[] buf = SRTCP.clone();
        buf[buf.length - 4] &= 0x7F;

        assertThatThrownBy(() -> context().unprotectRtcp(buf, 0, buf.length))
                .extracting(e -> ((SrtpException) e).failure()).isEqualTo(SrtpFailure.AUTH_FAILED);
    }

    @Test
    void changingTheSrtcpIndexBreaksTheTag() {
        byte[] buf = SRTCP.clone();
        buf[buf.length - 1] ^= 1;

        assertThatThrownBy(() -> context().unprotectRtcp(buf, 0, buf.length))
                .extracting(e -> ((SrtpException) e).failure()).isEqualTo(SrtpFailure.AUTH_FAILED);
    }
}
