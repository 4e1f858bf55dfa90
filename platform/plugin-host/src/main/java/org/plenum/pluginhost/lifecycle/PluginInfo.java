package org.plenum.pluginhost.lifecycle;

import java.util.List;
import java.util.Optional;
import org.plenum.api.PluginDescriptor;
import org.plenum.pluginhost.registry.InstalledPlugin;
import org.plenum.pluginhost.registry.TenantGrant;

/**
 * An installed plugin as administrators see it.
 *
 * @param row        its registry row (state, reason, jar, owner)
 * @param descriptor what it said about itself when it was last loaded in this server run (empty if it
 *                   could not be loaded since the server started)
 * @param generation which start of it is running (changes with every start), 0 when it is not running
 * @param routes     its HTTP routes while it runs
 * @param grants     the tenants it was made available to or enabled by
 */
public record PluginInfo(InstalledPlugin row, Optional<PluginDescriptor> descriptor, long generation, List<String> routes,
                         List<TenantGrant> grants) {

    public PluginInfo {
        routes = List.copyOf(routes);
        grants = List.copyOf(grants);
    }

    public boolean running() {
        return generation > 0;
    }

    /** The name for admins: the descriptor's, or the id when the plugin could not be loaded. */
    public String name() {
        return descriptor.map(PluginDescriptor::name).orElse(row.id().value());
    }
}
