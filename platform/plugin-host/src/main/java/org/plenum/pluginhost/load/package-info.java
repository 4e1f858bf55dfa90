/**
 * Loading plugin jars: {@link org.plenum.pluginhost.load.PluginLoader} picks the loader by the
 * jar's manifest ({@link org.plenum.pluginhost.load.OsgiPluginSource} for OSGi bundles in an
 * embedded Felix, {@link org.plenum.pluginhost.load.Pf4jPluginSource} for PF4J plugin jars), checks
 * the plugin's descriptor against the manifest and the plugin API version, and hands back a
 * {@link org.plenum.pluginhost.load.LoadedPlugin} whose {@code unload()} frees the plugin's class
 * loader. Both loaders show a plugin the same things of the server: the JDK and
 * {@code org.plenum.api.*} (PF4J plugins also {@code org.pf4j.*}), nothing else.
 */
package org.plenum.pluginhost.load;
