package org.plenum.pluginhost.tenancy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.plenum.api.PluginId;
import org.plenum.pluginhost.registry.InstalledPlugin;
import org.plenum.pluginhost.registry.RoomSwitch;
import org.plenum.pluginhost.registry.TenantGrant;

/**
 * Who may use which plugin, as one immutable snapshot that room threads read without locks or
 * database calls. The rules:
 * <ul>
 *   <li>a plugin of the state's catalogue (no owner) is usable by a tenant when the state's admins
 *       made it <em>available</em> to that tenant and the tenant's admins <em>enabled</em> it;</li>
 *   <li>a private plugin is visible only to its owner tenant, for which it is always available;
 *       it is usable there once the owner's admins enabled it; every other tenant sees nothing;</li>
 *   <li>within a tenant that uses a plugin, a room can have it switched off.</li>
 * </ul>
 */
public final class Tenancy {

    /** Nothing installed. */
    public static final Tenancy EMPTY = new Tenancy(Map.of(), Map.of(), Set.of());

    private record Key(PluginId plugin, UUID tenant) {
    }

    private record RoomKey(PluginId plugin, String roomId) {
    }

    private final Map<PluginId, Optional<UUID>> owners;
    private final Map<Key, TenantGrant> grants;
    private final Set<RoomKey> roomsSwitchedOff;

    private Tenancy(Map<PluginId, Optional<UUID>> owners, Map<Key, TenantGrant> grants, Set<RoomKey> roomsSwitchedOff) {
        this.owners = owners;
        this.grants = grants;
        this.roomsSwitchedOff = roomsSwitchedOff;
    }

    public static Tenancy of(List<InstalledPlugin> plugins, List<TenantGrant> grants, List<RoomSwitch> rooms) {
        Map<PluginId, Optional<UUID>> owners = new HashMap<>();
        plugins.forEach(p -> owners.put(p.id(), p.ownerTenant()));
        Map<Key, TenantGrant> g = new HashMap<>();
        grants.forEach(x -> g.put(new Key(x.plugin(), x.tenantId()), x));
        Set<RoomKey> off = new HashSet<>();
        rooms.stream().filter(r -> !r.enabled()).forEach(r -> off.add(new RoomKey(r.plugin(), r.roomId())));
        return new Tenancy(Map.copyOf(owners), Map.copyOf(g), Set.copyOf(off));
    }

    /** Whether the tenant may know that the plugin exists (installed, and not another tenant's private plugin). */
    public boolean visibleTo(PluginId plugin, UUID tenantId) {
        Optional<UUID> owner = owners.get(plugin);
        return owner != null && (owner.isEmpty() || owner.get().equals(tenantId));
    }

    /** Whether the state's admins made the plugin available to the tenant (always true for a private plugin's owner). */
    public boolean availableTo(PluginId plugin, UUID tenantId) {
        Optional<UUID> owner = owners.get(plugin);
        if (owner == null) {
            return false;
        }
        if (owner.isPresent()) {
            return owner.get().equals(tenantId);
        }
        TenantGrant g = grants.get(new Key(plugin, tenantId));
        return g != null && g.available();
    }

    /** Whether the tenant's admins enabled the plugin. */
    public boolean enabledBy(PluginId plugin, UUID tenantId) {
        TenantGrant g = grants.get(new Key(plugin, tenantId));
        return g != null && g.enabled();
    }

    /** Available and enabled: the plugin serves this tenant (if it is running). */
    public boolean usableBy(PluginId plugin, UUID tenantId) {
        return availableTo(plugin, tenantId) && enabledBy(plugin, tenantId);
    }

    /** Usable by the tenant and not switched off in this room. */
    public boolean usableIn(PluginId plugin, UUID tenantId, String roomId) {
        return usableBy(plugin, tenantId) && !roomsSwitchedOff.contains(new RoomKey(plugin, roomId));
    }

    /** The owner of a private plugin. */
    public Optional<UUID> owner(PluginId plugin) {
        Optional<UUID> owner = owners.get(plugin);
        return owner == null ? Optional.empty() : owner;
    }

    /** Every grant of a plugin (the tenants it was made available to or enabled by). */
    public List<TenantGrant> grantsOf(PluginId plugin) {
        return grants.values().stream().filter(g -> g.plugin().equals(plugin))
                .sorted(java.util.Comparator.comparing(g -> g.tenantId().toString())).toList();
    }
}
