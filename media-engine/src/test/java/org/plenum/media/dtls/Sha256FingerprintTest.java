package org.plenum.media.dtls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Sha256FingerprintTest {

    private static final String VALID = "AB:".repeat(31) + "CD";

    @Test
    void sdpValueInAnyCaseAndWithBlanksIsAccepted() {
        assertThat(Sha256Fingerprint.parse("  " + VALID.toLowerCase() + "\r\n").value()).isEqualTo(VALID);
    }

    @Test
    void wrongLengthsSeparatorsAndAlgorithmPrefixesAreRejected() {
        for (String bad : new String[] {"", "AB", VALID + ":EF", VALID.substring(3), VALID.replace(':', '-'),
                "sha-256 " + VALID, VALID.replace("CD", "CG"), VALID.replace("AB:AB", "ABAB")}) {
            assertThatThrownBy(() -> Sha256Fingerprint.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 hex pairs");
        }
        assertThatThrownBy(() -> Sha256Fingerprint.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hugeInputIsNotEchoedWhole() {
        String huge = "A".repeat(1_000_000);

        assertThatThrownBy(() -> Sha256Fingerprint.parse(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).contains("1000000 chars"));
    }
}
