package org.plenum.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = dir.resolve("plenum.properties");
        Files.writeString(file, "http.port=8080\nhttp.host=127.0.0.1\n");
        Settings s = Settings.load(file, Map.of("PLENUM_HTTP_PORT", "9090", "OTHER_VAR", "x"));
        assertThat(s.getInt("http.port", 1)).isEqualTo(9090);
        assertThat(s.get("http.host", "")).isEqualTo("127.0.0.1");
        assertThat(s.find("other.var")).isEmpty();
    }

    @Test
    void keysAndEnvironmentNamesMapBothWays() {
        assertThat(Settings.keyOf("PLENUM_OIDC_ISSUER_KC_URL")).isEqualTo("oidc.issuer.kc.url");
        assertThat(Settings.envNameOf("auth.login.max.failures")).isEqualTo("PLENUM_AUTH_LOGIN_MAX_FAILURES");
    }

    @Test
    void aMissingFileMeansDefaults() {
        Settings s = Settings.load(dir.resolve("absent.properties"), Map.of());
        assertThat(s.getInt("http.port", 8080)).isEqualTo(8080);
    }

    @Test
    void durationsAcceptUnitsAndIso8601() {
        Settings s = Settings.of(Map.of("a", "30s", "b", "5m", "c", "PT1H", "d", "250ms", "e", "2d"));
        assertThat(s.getDuration("a", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.getDuration("b", null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.getDuration("c", null)).isEqualTo(Duration.ofHours(1));
        assertThat(s.getDuration("d", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(s.getDuration("e", null)).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void malformedValuesNameTheKeyAndTheVariable() {
        Settings s = Settings.of(Map.of("http.port", "eighty", "x.flag", "perhaps", "x.wait", "soon"));
        assertThatThrownBy(() -> s.getInt("http.port", 0)).hasMessageContaining("http.port").hasMessageContaining("PLENUM_HTTP_PORT")
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> s.getBoolean("x.flag", false)).hasMessageContaining("true or false");
        assertThatThrownBy(() -> s.getDuration("x.wait", null)).hasMessageContaining("duration");
    }

    @Test
    void belowListsAPrefixWithoutIt() {
        Settings s = Settings.of(Map.of("oidc.issuer.kc.url", "u", "oidc.issuer.kc.audience", "a", "oidc.issuers", "kc"));
        assertThat(s.below("oidc.issuer.kc")).containsOnly(Map.entry("url", "u"), Map.entry("audience", "a"));
    }
}
