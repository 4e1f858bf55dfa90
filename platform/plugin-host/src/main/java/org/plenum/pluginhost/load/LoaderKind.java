package org.plenum.pluginhost.load;

/** Which loader a plugin came through. */
public enum LoaderKind {
    /** An OSGi bundle in the embedded Felix framework ({@link OsgiPluginSource}). */
    OSGI,
    /** A PF4J plugin jar ({@link Pf4jPluginSource}). */
    PF4J
}
