package org.plenum.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreArgon2idWithSaltAndVerify() {
        String a = hasher.hash("Rathaus-2026!");
        String b = hasher.hash("Rathaus-2026!");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(hasher.verify("Rathaus-2026!", a)).isTrue();
        assertThat(hasher.verify("rathaus-2026!", a)).isFalse();
    }

    @Test
    void garbageHashesNeverVerify() {
        for (String bad : new String[] {"", "$argon2id$", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA", "$argon2id$v=19$m=x,t=2,p=1$a$b",
                "$argon2id$v=19$m=4,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "plain-text", null}) {
            assertThat(hasher.verify("pw", bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void parametersTravelInTheHashSoOldHashesStillVerify() {
        String weak = new PasswordHasher(1024, 1).hash("pw");
        assertThat(weak).contains("m=1024,t=1");
        assertThat(hasher.verify("pw", weak)).isTrue();
    }
}
