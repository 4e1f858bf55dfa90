package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionKeysTest {

    // RFC 3711 Appendix B.3
    private static final byte[] MASTER_KEY = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void derivedSrtpKeysMatchRfc3711AppendixB3() {
        SessionKeys keys = SessionKeys.derive(new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT));

        assertThat(keys.rtpKey()).isEqualTo(Hex.bytes("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(keys.rtpSalt()).isEqualTo(Hex.bytes("30CBBC08863D8C85D49DB34A9AE1"));
        assertThat(keys.rtpAuthKey()).isEqualTo(Hex.bytes("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"));
    }

    @Test
    void longerPrfOutputContinuesTheRfc3711AppendixB3Keystream() {
        // B.3 prints 256 bits of the authentication key label's output
        assertThat(SessionKeys.prf(MASTER_KEY, MASTER_SALT, SessionKeys.LABEL_RTP_AUTH, 32)).isEqualTo(
                Hex.bytes("CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE"));
    }

    @Test
    void srtcpLabelsGiveDifferentKeys() {
        SessionKeys keys = SessionKeys.derive(new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT));

        assertThat(keys.rtcpKey()).hasSize(16).isNotEqualTo(keys.rtpKey());
        assertThat(keys.rtcpAuthKey()).hasSize(20).isNotEqualTo(keys.rtpAuthKey());
        assertThat(keys.rtcpSalt()).hasSize(14).isNotEqualTo(keys.rtpSalt());
    }

    @Test
    void gcmMasterSaltIsZeroPaddedToTheFourteenBytePrfInput() {
        // Cross-checked against values other implementations publish for libsrtp's GCM test master key
        SessionKeys keys = SessionKeys.derive(new SrtpMasterKey(SrtpProfile.AEAD_AES_128_GCM,
                Hex.bytes("000102030405060708090a0b0c0d0e0f"), Hex.bytes("a0a1a2a3a4a5a6a7a8a9aaab")));

        assertThat(keys.rtpKey()).isEqualTo(Hex.bytes("077c6143cb221bc355ff23d5f984a16e"));
        assertThat(keys.rtpSalt()).isEqualTo(Hex.bytes("9af3e95364ebac9c99c5a7c4"));
        assertThat(keys.rtcpKey()).isEqualTo(Hex.bytes("615dcd9042600666f6fd4d9e4fe4519f"));
        assertThat(keys.rtcpSalt()).isEqualTo(Hex.bytes("fcca937b9112a500dac72269"));
        assertThat(keys.rtpAuthKey()).isEmpty();
    }
}
