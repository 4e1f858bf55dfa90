package org.plenum.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalTransportTest {

    @Test
    void candidatesAreAcceptedWithOrWithoutPrefixAndStoredWithout() {
        LocalTransport local = new LocalTransport("abcd", "abcdefghijklmnopqrstuv", SdpFixtures.ENGINE_FINGERPRINT.toLowerCase(),
                List.of("a=candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host", "candidate:2 1 udp 1 ::1 10000 typ host",
                        "3 1 tcp 1 127.0.0.1 10001 typ host tcptype passive"));
        assertThat(local.candidates()).allSatisfy(c -> assertThat(c).doesNotStartWith("candidate:").doesNotStartWith("a="));
        assertThat(local.fingerprintSha256()).isEqualTo(SdpFixtures.ENGINE_FINGERPRINT);
    }

    @Test
    void candidateCannotSmuggleExtraLinesIntoTheSdp() {
        assertThatThrownBy(() -> new LocalTransport("abcd", "abcdefghijklmnopqrstuv", SdpFixtures.ENGINE_FINGERPRINT,
                List.of("1 1 udp 1 127.0.0.1 10000 typ host\r\na=setup:active")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidate");
    }

    @Test
    void malformedCredentialsAndFingerprintsAreRefused() {
        assertThatThrownBy(() -> new LocalTransport("ab", "abcdefghijklmnopqrstuv", SdpFixtures.ENGINE_FINGERPRINT, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ice-ufrag");
        assertThatThrownBy(() -> new LocalTransport("abcd", "short", SdpFixtures.ENGINE_FINGERPRINT, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ice-pwd");
        assertThatThrownBy(() -> new LocalTransport("abcd", "abcdefghijklmnopqrstuv", "AB:CD", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha-256");
    }
}
