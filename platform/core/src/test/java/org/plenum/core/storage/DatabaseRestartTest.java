package org.plenum.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.core.tenant.TenantStore;

class DatabaseRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void embeddedDataSurvivesARestart() {
        DatabaseConfig config = new DatabaseConfig("", "postgres", "", dataDir, 0, 2);
        try (Database db = Database.start(config)) {
            assertThat(db.isReachable()).isTrue();
            new TenantStore(new Jdbc(db.dataSource())).create("thueringen", "Freistaat Thüringen", null);
        }
        try (Database db = Database.start(config)) {
            assertThat(new TenantStore(new Jdbc(db.dataSource())).findBySlug("thueringen"))
                    .hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("Freistaat Thüringen"));
        }
    }
}
