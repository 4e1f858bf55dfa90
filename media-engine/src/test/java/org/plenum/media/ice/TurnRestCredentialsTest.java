package org.plenum.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnRestCredentialsTest {

    /** printf '1700003600:alice' | openssl dgst -sha1 -hmac north-secret -binary | base64 */
    private static final String OPENSSL_PASSWORD = "Ji4axghh2/aljHmsPgH9mtDGVLw=";
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    @Test
    void usernameIsExpiryColonUserAndPasswordIsBase64HmacSha1() {
        TurnRestCredentials c = TurnRestCredentials.issue("north-secret", "alice", NOW, Duration.ofHours(1));

        assertThat(c.username()).isEqualTo("1700003600:alice");
        assertThat(c.password()).isEqualTo(OPENSSL_PASSWORD);
        assertThat(c.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_700_003_600L));
        assertThat(c.ttlFrom(NOW)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void coturnAcceptsThemUntilTheyExpire() {
        TurnRestCredentials c = TurnRestCredentials.issue("north-secret", "alice", NOW, Duration.ofMinutes(10));

        assertThat(TurnRestCredentials.accepts("north-secret", c.username(), c.password(), NOW.plusSeconds(599))).isTrue();
        assertThat(TurnRestCredentials.accepts("north-secret", c.username(), c.password(), NOW.plusSeconds(600))).isFalse();
        assertThat(TurnRestCredentials.accepts("other-secret", c.username(), c.password(), NOW)).isFalse();
        assertThat(TurnRestCredentials.accepts("north-secret", "1700000600:mallory", c.password(), NOW)).isFalse();
        assertThat(TurnRestCredentials.accepts("north-secret", "not-a-number:alice", c.password(), NOW)).isFalse();
        assertThat(c.ttlFrom(NOW.plusSeconds(3600))).isEqualTo(Duration.ZERO);
    }

    @Test
    void badInputsAreRefused() {
        assertThatThrownBy(() -> TurnRestCredentials.issue("", "alice", NOW, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TurnRestCredentials.issue("s", "al:ice", NOW, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TurnRestCredentials.issue("s", "alice", NOW, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringDoesNotRevealThePassword() {
        TurnRestCredentials c = TurnRestCredentials.issue("north-secret", "alice", NOW, Duration.ofHours(1));
        assertThat(c.toString()).contains("1700003600:alice").doesNotContain(c.password());
    }
}
