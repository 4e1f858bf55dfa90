package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SrtpKeysTest {

    private static byte[] material(int length) {
        byte[] m = new byte[length];
        for (int i = 0; i < length; i++) {
            m[i] = (byte) i;
        }
        return m;
    }

    @Test
    void exporterOutputIsSplitClientKeyServerKeyClientSaltServerSalt() {
        byte[] m = material(56); // GCM: 2 * (16 + 12)

        SrtpKeys asServer = SrtpKeys.fromDtlsExport(SrtpProfile.AEAD_AES_128_GCM, m, true);

        assertThat(asServer.local().key()).isEqualTo(java.util.Arrays.copyOfRange(m, 16, 32));
        assertThat(asServer.local().salt()).isEqualTo(java.util.Arrays.copyOfRange(m, 44, 56));
        assertThat(asServer.remote().key()).isEqualTo(java.util.Arrays.copyOfRange(m, 0, 16));
        assertThat(asServer.remote().salt()).isEqualTo(java.util.Arrays.copyOfRange(m, 32, 44));
    }

    @Test
    void clientSendsWithTheClientHalf() {
        byte[] m = material(60); // AES-CM: 2 * (16 + 14)

        SrtpKeys asClient = SrtpKeys.fromDtlsExport(SrtpProfile.AES_CM_128_HMAC_SHA1_80, m, false);
        SrtpKeys asServer = SrtpKeys.fromDtlsExport(SrtpProfile.AES_CM_128_HMAC_SHA1_80, m, true);

        assertThat(asClient.local().key()).isEqualTo(java.util.Arrays.copyOfRange(m, 0, 16));
        assertThat(asClient.local().salt()).isEqualTo(java.util.Arrays.copyOfRange(m, 32, 46));
        assertThat(asClient.local()).isEqualTo(asServer.remote());
        assertThat(asClient.remote()).isEqualTo(asServer.local());
    }

    @Test
    void materialOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> SrtpKeys.fromDtlsExport(SrtpProfile.AEAD_AES_128_GCM, material(60), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("56");
        assertThatThrownBy(() -> SrtpKeys.fromDtlsExport(SrtpProfile.AES_CM_128_HMAC_SHA1_80, material(56), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void masterKeyDoesNotPrintItsSecretsAndCopiesItsArrays() {
        byte[] key = material(16);
        SrtpMasterKey master = new SrtpMasterKey(SrtpProfile.AEAD_AES_128_GCM, key, material(12));
        key[0] = 99;
        master.key()[1] = 99;

        assertThat(master.key()).isEqualTo(material(16));
        assertThat(master.toString()).doesNotContain("0001").contains("redacted");
    }

    @Test
    void masterKeyOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new SrtpMasterKey(SrtpProfile.AEAD_AES_128_GCM, material(16), material(14)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, material(15), material(14)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
