package org.plenum.pluginhost.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Version ranges read back from the filters Felix builds for Import-Package and Require-Bundle. */
class UnresolvedBundleTest {

    @Test
    void aHalfOpenRangeReadsAsIntervalNotation() {
        assertThat(UnresolvedBundle.versionRange("(&(osgi.wiring.package=org.plenum.api)(version>=2.0.0)(!(version>=3.0.0)))"))
                .isEqualTo("version [2.0.0,3.0.0)");
    }

    @Test
    void inclusiveAndExclusiveBoundsAreKept() {
        assertThat(UnresolvedBundle.versionRange("(&(osgi.wiring.package=a)(!(version<=1.0.0))(version<=2.0.0))"))
                .isEqualTo("version (1.0.0,2.0.0]");
    }

    @Test
    void aLowerBoundAloneMeansThatVersionOrLater() {
        assertThat(UnresolvedBundle.versionRange("(&(osgi.wiring.package=a)(version>=1.4.0))")).isEqualTo("version 1.4.0 or later");
    }

    @Test
    void noVersionMeansAnyVersion() {
        assertThat(UnresolvedBundle.versionRange("(osgi.wiring.package=a)")).isEqualTo("(any version)");
    }
}
