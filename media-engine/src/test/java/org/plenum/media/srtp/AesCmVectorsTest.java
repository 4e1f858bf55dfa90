package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * AES_CM_128_HMAC_SHA1_80 end to end with the RFC 3711 Appendix B.3 master key, against the packets of
 * libsrtp's {@code srtp_validate} self-test (the reference every SRTP implementation interoperates with).
 */
class AesCmVectorsTest {

    private static final SrtpMasterKey MASTER = new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
            Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex.bytes("0EC675AD498AFEEBB6960B3AABE6"));

    private static final byte[] RTP = Hex.bytes("800f1234decafbad cafebabe abababab abababab abababab abababab");
    private static final byte[] SRTP = Hex.bytes("""
            800f1234decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402
            b78d6acc99ea179b8dbb""");
    private static final byte[] RTCP = Hex.bytes("81c8000bcafebabe abababababababab abababababababab");
    /** SRTCP index 1, E set. */
    private static final byte[] SRTCP = Hex.bytes("""
            81c8000bcafebabe 7128035be487b9bd bef89041f977a5a8
            80000001 993e08cd54d6c1230798""");

    @Test
    void rtpPacketProtectsToTheLibsrtpReference() throws SrtpException {
        byte[] buf = Arrays.copyOf(RTP, 64);

        int n = new SrtpContext(MASTER).protectRtp(buf, 0, RTP.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(SRTP);
    }

    @Test
    void libsrtpReferenceUnprotectsToTheRtpPacket() throws SrtpException {
        byte[] buf = SRTP.clone();

        int n = new SrtpContext(MASTER).unprotectRtp(buf, 0, buf.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(RTP);
    }

    @Test
    void secondRtcpPacketProtectsToTheLibsrtpReferenceWithIndexOne() throws SrtpException {
        SrtpContext sender = new SrtpContext(MASTER);
        sender.protectRtcp(Arrays.copyOf(RTCP, 64), 0, RTCP.length); // index 0
        byte[] buf = Arrays.copyOf(RTCP, 64);

        int n = sender.protectRtcp(buf, 0, RTCP.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(SRTCP);
    }

    @Test
    void libsrtpSrtcpReferenceUnprotectsToTheRtcpPacket() throws SrtpException {
        byte[] buf = SRTCP.clone();

        int n = new SrtpContext(MASTER).unprotectRtcp(buf, 0, buf.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(RTCP);
    }

    @Test
    void everyTruncationOfTheReferencePacketsIsRejected() {
        for (int len = 0; len < SRTP.length; len++) {
            byte[] buf = Arrays.copyOf(SRTP, len);
            int l = len;
            assertThatThrownBy(() -> new SrtpContext(MASTER).unprotectRtp(buf, 0, l)).isInstanceOf(SrtpException.class);
        }
        for (int len = 0; len < SRTCP.length; len++) {
            byte[] buf = Arrays.copyOf(SRTCP, len);
            int l = len;
            assertThatThrownBy(() -> new SrtpContext(MASTER).unprotectRtcp(buf, 0, l)).isInstanceOf(SrtpException.class);
        }
    }

    @Test
    void unencryptedSrtcpIsAuthenticatedAndReturnedAsIs() throws SrtpException {
        // build an E=0 packet the way a sender that does not encrypt RTCP would: RTCP | index | tag
        SessionKeys keys = SessionKeys.derive(MASTER);
        byte[] buf = Arrays.copyOf(RTCP, 64);
        BigEndian.writeInt(buf, RTCP.length, 7);
        javax.crypto.Mac mac;
        try {
            mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(keys.rtcpAuthKey(), "HmacSHA1"));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        mac.update(buf, 0, RTCP.length + 4);
        System.arraycopy(mac.doFinal(), 0, buf, RTCP.length + 4, 10);

        int n = new SrtpContext(MASTER).unprotectRtcp(buf, 0, RTCP.length + 14);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(RTCP);
    }
}
