package org.plenum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

    @Test
    void readsAllParts() {
        SemVer v = SemVer.parse("1.22.333-rc.1+build.7");
        assertThat(v.major()).isEqualTo(1);
        assertThat(v.minor()).isEqualTo(22);
        assertThat(v.patch()).isEqualTo(333);
        assertThat(v.preRelease()).isEqualTo("rc.1");
        assertThat(v.buildMetadata()).isEqualTo("build.7");
        assertThat(v.isPreRelease()).isTrue();
        assertThat(v).hasToString("1.22.333-rc.1+build.7");
        assertThat(v.release()).isEqualTo(SemVer.of(1, 22, 333));
    }

    @Test
    void ordersBySemVerPrecedenceAsTheSpecificationListsIt() {
        List<String> specOrder = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0");
        List<SemVer> shuffled = new ArrayList<>(specOrder.stream().map(SemVer::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(42));
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(SemVer::toString).containsExactlyElementsOf(specOrder);
    }

    @Test
    void buildMetadataDoesNotCountForPrecedence() {
        assertThat(SemVer.parse("1.0.0+a").compareTo(SemVer.parse("1.0.0+b"))).isZero();
        assertThat(SemVer.parse("1.0.0+a")).isNotEqualTo(SemVer.parse("1.0.0+b"));
    }

    @Test
    void acceptsTheLargestComponent() {
        assertThat(SemVer.parse("2147483647.0.0").major()).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void refusesEmptyInput(String text) {
        assertThatThrownBy(() -> SemVer.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("required").hasMessageContaining("empty");
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
            "1|must have three numeric parts",
            "1.2|must have three numeric parts",
            "1.2.3.4|must have three numeric parts",
            "v1.2.3|the major part 'v1' is not a number",
            "1..3|the minor part is empty",
            "01.2.3|leading zero",
            "1.02.3|leading zero",
            "1.-2.3|three numeric parts",
            "1.2.x|the patch part 'x' is not a number",
            "2147483648.0.0|larger than 2147483647",
            "99999999999999999999999.0.0|larger than 2147483647",
            "1.2.3-|nothing after '-'",
            "1.2.3+|nothing after '+'",
            "1.2.3-rc..1|empty identifier",
            "1.2.3-01|leading zero",
            "1.2.3-rc_1|only letters, digits",
            "1.2.3-αβ|only letters, digits",
            "' 1.2.3'|is not a number",
            "'1.2.3 '|is not a number",
            "garbage|must have three numeric parts",
            "１.2.3|is not a number"})
    void refusesMalformedVersionsWithAMessageThatSaysWhy(String text, String expected) {
        assertThatThrownBy(() -> SemVer.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void refusesOverlongText() {
        assertThatThrownBy(() -> SemVer.parse("1.0.0-" + "a".repeat(300)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 256");
    }

    @Test
    void refusesNegativePartsInTheConstructor() {
        assertThatThrownBy(() -> SemVer.of(1, -1, 0)).hasMessageContaining("must not be negative");
    }

    @Test
    void theApiVersionIsARelease() {
        assertThat(PlenumApi.VERSION.isPreRelease()).isFalse();
        assertThat(PlenumApi.VERSION).isEqualTo(SemVer.of(1, 1, 0));
    }
}
