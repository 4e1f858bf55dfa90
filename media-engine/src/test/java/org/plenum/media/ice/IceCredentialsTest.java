package org.plenum.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IceCredentialsTest {

    @Test
    void randomCredentialsAreEightAndTwentyFourIceChars() {
        IceCredentials c = IceCredentials.random();
        assertThat(c.ufrag()).hasSize(8).matches("[A-Za-z0-9+/]+");
        assertThat(c.pwd()).hasSize(24).matches("[A-Za-z0-9+/]+");
    }

    @Test
    void randomCredentialsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(IceCredentials.random().pwd())).isTrue();
        }
    }

    @Test
    void browserCredentialsAreAccepted() {
        // Chrome: 4-character ufrag, 24-character password; Firefox: hex, 8 and 32.
        new IceCredentials("Xk3a", "Yr8pQ2vN+7sL/0dFw4mZ1cBq");
        new IceCredentials("0f1e2d3c", "00112233445566778899aabbccddeeff");
    }

    @Test
    void credentialsOutsideRfc8839AreRefused() {
        assertThatThrownBy(() -> new IceCredentials("abc", "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("abcd", "a".repeat(21))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("ab:d", "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("abcd", "a".repeat(21) + " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("a".repeat(257), "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringDoesNotRevealThePassword() {
        IceCredentials c = IceCredentials.random();
        assertThat(c.toString()).contains(c.ufrag()).doesNotContain(c.pwd());
    }
}
