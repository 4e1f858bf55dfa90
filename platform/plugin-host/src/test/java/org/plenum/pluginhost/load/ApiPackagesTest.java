package org.plenum.pluginhost.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The plugin API's packages are found in its jar, not listed by hand. */
class ApiPackagesTest {

    @Test
    void everyPackageOfThePluginApiIsFound() {
        assertThat(ApiPackages.list()).contains("org.plenum.api", "org.plenum.api.room", "org.plenum.api.event",
                "org.plenum.api.service", "org.plenum.api.audit", "org.plenum.api.storage", "org.plenum.api.http",
                "org.plenum.api.ui", "org.plenum.api.json")
                .allSatisfy(p -> assertThat(p).startsWith("org.plenum.api"));
    }

    @Test
    void theyAreExportedAtThePluginApiVersion() {
        assertThat(ApiPackages.exportClause())
                .startsWith("org.plenum.api;version=\"1.1.0\",")
                .contains("org.plenum.api.room;version=\"1.1.0\"");
    }

    @Test
    void onlyClassesOfThePluginApiCountAsApiClasses() {
        assertThat(ApiPackages.isApiClass("org.plenum.api.Plugin")).isTrue();
        assertThat(ApiPackages.isApiClass("org.plenum.api.room.RoomModule")).isTrue();
        assertThat(ApiPackages.isApiClass("org.plenum.apix.Plugin")).isFalse();
        assertThat(ApiPackages.isApiClass("org.plenum.pluginhost.load.PluginLoader")).isFalse();
    }
}
