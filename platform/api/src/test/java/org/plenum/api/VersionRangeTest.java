package org.plenum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class VersionRangeTest {

    private static boolean contains(String range, String version) {
        return VersionRange.parse(range).contains(SemVer.parse(version));
    }

    @Test
    void halfOpenIntervalIsTheUsualAnyOneX() {
        assertThat(contains("[1.0,2.0)", "1.0.0")).isTrue();
        assertThat(contains("[1.0,2.0)", "1.99.99")).isTrue();
        assertThat(contains("[1.0,2.0)", "2.0.0")).isFalse();
        assertThat(contains("[1.0,2.0)", "0.9.9")).isFalse();
    }

    @Test
    void exclusiveBoundsExcludeTheBound() {
        assertThat(contains("(1.0,2.0]", "1.0.0")).isFalse();
        assertThat(contains("(1.0,2.0]", "1.0.1")).isTrue();
        assertThat(contains("(1.0,2.0]", "2.0.0")).isTrue();
    }

    @Test
    void anExclusiveReleaseUpperBoundAlsoExcludesItsPreReleases() {
        assertThat(contains("[1.0,2.0)", "2.0.0-rc.1")).isFalse();
        assertThat(contains("[1.0,2.0)", "1.5.0-rc.1")).isTrue();
        assertThat(contains("[1.0,2.0.0-rc.1)", "2.0.0-beta")).isTrue();
        assertThat(contains("[1.0,2.0]", "2.0.0-rc.1")).isTrue();
    }

    @Test
    void aLowerBoundExcludesItsOwnPreReleases() {
        assertThat(contains("[1.0,2.0)", "1.0.0-rc.1")).isFalse();
        assertThat(contains("[1.0.0-0,2.0)", "1.0.0-rc.1")).isTrue();
    }

    @Test
    void bareVersionAndOpenUpperBoundMeanAtLeast() {
        assertThat(VersionRange.parse("1.4")).isEqualTo(VersionRange.parse("[1.4,)"));
        assertThat(contains("1.4", "1.4.0")).isTrue();
        assertThat(contains("1.4", "99.0.0")).isTrue();
        assertThat(contains("1.4", "1.3.9")).isFalse();
    }

    @Test
    void exactRangeHoldsOneVersion() {
        assertThat(contains("[1.2.3,1.2.3]", "1.2.3")).isTrue();
        assertThat(contains("[1.2.3,1.2.3]", "1.2.4")).isFalse();
        assertThat(VersionRange.exactly(SemVer.of(1, 2, 3))).isEqualTo(VersionRange.parse("[1.2.3,1.2.3]"));
    }

    @Test
    void shortBoundsAndSpacesAreAllowedAndPrintInFull() {
        assertThat(VersionRange.parse(" [ 1 , 2.1 ) ")).hasToString("[1.0.0,2.1.0)");
        assertThat(VersionRange.parse("[1.4,)")).hasToString("[1.4.0,)");
    }

    @Test
    void compatibleWithIsTheCaretMeaning() {
        assertThat(VersionRange.compatibleWith(SemVer.of(1, 4, 2))).hasToString("[1.4.2,2.0.0)");
        assertThat(VersionRange.compatibleWith(SemVer.of(0, 3, 1))).hasToString("[0.3.1,0.4.0)");
    }

    @Test
    void canonicalTextParsesBackToTheSameRange() {
        for (String text : new String[] {"[1.0,2.0)", "(0.1.2,0.2]", "[3,)", "[1.0.0-rc.1,1.0.0]"}) {
            VersionRange r = VersionRange.parse(text);
            assertThat(VersionRange.parse(r.toString())).isEqualTo(r);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesEmptyInput(String text) {
        assertThatThrownBy(() -> VersionRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a version range is required");
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
            "[|must end with ')' or ']'",
            "[1.0|must end with ')' or ']'",
            "[1.0,2.0|must end with ')' or ']'",
            "1.0,2.0)|must start with '[' or '('",
            "[1.0 2.0)|needs two bounds separated by ','",
            "[1.0,2.0,3.0)|more than two bounds",
            "[,2.0)|has no lower bound",
            "'[1.0,]'|no upper bound, so it must end with ')'",
            "[2.0,1.0)|lower bound 2.0.0 is above the upper bound 1.0.0",
            "(1.0,1.0)|contains no version",
            "[1.0,1.0)|contains no version",
            "^1.2|is not a number",
            "~1.2|is not a number",
            "[a,b)|the major part 'a' is not a number",
            "[1.0.0.0,2)|has more than three parts",
            "[99999999999,)|larger than 2147483647",
            "[1.0,2.0)x|must end with ')' or ']'",
            "[01,2)|leading zero",
            "[1.0-rc,2)|must have three numeric parts",
            ">=1.0|is not a number"})
    void refusesMalformedRangesWithAMessageThatSaysWhy(String text, String expected) {
        assertThatThrownBy(() -> VersionRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void refusesOverlongText() {
        assertThatThrownBy(() -> VersionRange.parse("[" + "1".repeat(1000) + ",)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 600");
    }
}
