package org.plenum.core.storage;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The default: the server starts its own PostgreSQL with files in the data directory. */
class StoresOnEmbeddedDatabaseTest extends StoreContract {

    @TempDir
    static Path dataDir;

    @Override
    Map<String, String> databaseSettings() {
        return Map.of("data.dir", dataDir.toString());
    }
}
