package org.plenum.pluginhost.admin;

import org.plenum.pluginhost.lifecycle.PluginInfo;

/**
 * A plugin as one tenant sees it.
 *
 * @param available the state's admins made it available to the tenant (always, for the tenant's private plugins)
 * @param enabled   the tenant's admins enabled it
 * @param active    it serves the tenant now: available, enabled and running
 */
public record TenantPlugin(PluginInfo info, boolean available, boolean enabled, boolean active) {
}
