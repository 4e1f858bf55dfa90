package org.plenum.media.dtls;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DtlsConfigTest {

    @Test
    void defaultsPreferGcmAndAllowTenSeconds() {
        DtlsConfig defaults = DtlsConfig.defaults();

        assertThat(defaults.srtpProfiles()).containsExactly(0x0007, 0x0001);
        assertThat(defaults.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.mtu()).isEqualTo(1200);
    }

    @Test
    void unsupportedEmptyOrRepeatedProfilesAreRejected() {
        assertThatThrownBy(() -> DtlsConfig.defaults().withSrtpProfiles(0x0002))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x0002");
        assertThatThrownBy(() -> DtlsConfig.defaults().withSrtpProfiles())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsConfig.defaults().withSrtpProfiles(7, 7))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeoutAndMtuMustBeSensible() {
        assertThatThrownBy(() -> DtlsConfig.defaults().withHandshakeTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsConfig.defaults().withHandshakeTimeout(Duration.ofDays(365)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsConfig.defaults().withMtu(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsConfig.defaults().withMtu(9000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profileListIsCopied() {
        List<Integer> mutable = new java.util.ArrayList<>(List.of(7));
        DtlsConfig config = new DtlsConfig(Duration.ofSeconds(1), 1200, mutable);
        mutable.add(1);

        assertThat(config.srtpProfiles()).containsExactly(7);
    }
}
