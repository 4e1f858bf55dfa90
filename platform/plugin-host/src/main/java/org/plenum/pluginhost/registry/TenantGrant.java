package org.plenum.pluginhost.registry;

import java.util.UUID;
import org.plenum.api.PluginId;

/**
 * What one tenant may do with one plugin: {@code available} is decided by the state's (platform)
 * admins, {@code enabled} by the municipality's admins.
 */
public record TenantGrant(PluginId plugin, UUID tenantId, boolean available, boolean enabled) {
}
