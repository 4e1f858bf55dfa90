package org.plenum.core.pluginstorage;

/** Where a plugin's migrations were found. */
public enum MigrationSource {
    /** Flyway's classpath scan through the plugin's class loader (the normal case). */
    CLASS_LOADER,
    /** Listed from the plugin's jar file, because the class loader could not be scanned (OSGi bundles). */
    JAR_FILE
}
