package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SrtpProfileTest {

    @Test
    void profilesAreFoundByTheirDtlsSrtpIds() {
        assertThat(SrtpProfile.byId(0x0007)).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(SrtpProfile.byId(0x0001)).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    }

    @Test
    void unknownProfileIdIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> SrtpProfile.byId(0x0002))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x0002");
    }

    @Test
    void lengthsAreThoseOfRfc5764AndRfc7714() {
        assertThat(SrtpProfile.AEAD_AES_128_GCM)
                .extracting(SrtpProfile::keyLength, SrtpProfile::saltLength, SrtpProfile::tagLength)
                .containsExactly(16, 12, 16);
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80)
                .extracting(SrtpProfile::keyLength, SrtpProfile::saltLength, SrtpProfile::tagLength)
                .containsExactly(16, 14, 10);
    }

    @Test
    void overheadIsTheTagAndForRtcpTheIndex() {
        assertThat(SrtpContext.maxRtpOverhead(SrtpProfile.AEAD_AES_128_GCM)).isEqualTo(16);
        assertThat(SrtpContext.maxRtcpOverhead(SrtpProfile.AEAD_AES_128_GCM)).isEqualTo(20);
        assertThat(SrtpContext.maxRtpOverhead(SrtpProfile.AES_CM_128_HMAC_SHA1_80)).isEqualTo(10);
        assertThat(SrtpContext.maxRtcpOverhead(SrtpProfile.AES_CM_128_HMAC_SHA1_80)).isEqualTo(14);
    }
}
