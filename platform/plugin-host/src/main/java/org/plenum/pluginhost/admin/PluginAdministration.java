package org.plenum.pluginhost.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.PluginId;
import org.plenum.core.access.AccessRules;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;
import org.plenum.core.tenant.Tenant;
import org.plenum.core.tenant.TenantStore;
import org.plenum.core.user.PlatformRole;
import org.plenum.pluginhost.lifecycle.PluginHost;
import org.plenum.pluginhost.lifecycle.PluginInfo;
import org.plenum.pluginhost.registry.InstalledPlugin;
import org.plenum.pluginhost.tenancy.Tenancy;

/**
 * The plugin host's operations as callers may use them: every method checks the core's
 * {@link AccessRules} first. Who may do what:
 * <ul>
 *   <li>the state's catalogue (install, update, enable, disable, uninstall, make available to a
 *       municipality): platform admins and the state tenant's admins;</li>
 *   <li>a municipality's private plugins: that municipality's admins (and platform admins); other
 *       municipalities get 404, as if the plugin did not exist;</li>
 *   <li>enabling an available plugin for a municipality: its admins (and platform admins);</li>
 *   <li>members and moderators: the list of plugins their municipality uses, nothing else (403).</li>
 * </ul>
 */
public final class PluginAdministration {

    private final PluginHost host;
    private final TenantStore tenants;

    public PluginAdministration(PluginHost host, TenantStore tenants) {
        this.host = host;
        this.tenants = tenants;
    }

    public PluginHost host() {
        return host;
    }

    /** Every plugin the caller administers: all for the state's admins, its own private plugins for a municipality's admins. */
    public List<PluginInfo> list(Caller c) {
        requireAdmin(c);
        boolean catalogue = catalogue(c);
        return host.list().stream()
                .filter(p -> catalogue || p.row().ownerTenant().map(o -> AccessRules.canManagePrivatePlugin(c, o)).orElse(false))
                .toList();
    }

    public PluginInfo get(Caller c, String id) {
        return host.find(manageable(c, id).id()).orElseThrow(() -> notFound(id));
    }

    /**
     * Installs a plugin: into the state's catalogue, or, with {@code tenant}, as that municipality's
     * private plugin (its own admins may do that for it).
     */
    public PluginInfo install(Caller c, Path jar, Optional<UUID> tenant) {
        checkInstall(c, tenant);
        return host.install(jar, tenant, Optional.of(c.userId()));
    }

    /** Whether the caller may install (into the catalogue, or for {@code tenant}); checked before an upload is read. */
    public void checkInstall(Caller c, Optional<UUID> tenant) {
        requireAdmin(c);
        if (tenant.isPresent()) {
            if (!AccessRules.canManagePrivatePlugin(c, tenant.get()) || tenants.find(tenant.get()).isEmpty()) {
                throw Problem.notFound("tenant " + tenant.get() + " does not exist or you may not administer it");
            }
        } else if (!catalogue(c)) {
            throw Problem.forbidden("only the state's administrators install plugins for every municipality; a municipality's "
                    + "administrators install private plugins with ?tenant=<their tenant id>");
        }
    }

    public PluginInfo update(Caller c, String id, Path jar) {
        return host.update(manageable(c, id).id(), jar, Optional.of(c.userId()));
    }

    public PluginInfo enable(Caller c, String id) {
        return host.enable(manageable(c, id).id());
    }

    public PluginInfo disable(Caller c, String id) {
        return host.disable(manageable(c, id).id());
    }

    public void uninstall(Caller c, String id, boolean purge) {
        host.uninstall(manageable(c, id).id(), purge);
    }

    /** The state's decision for one municipality. */
    public TenantPlugin setAvailable(Caller c, String id, String tenantId, boolean available) {
        InstalledPlugin p = manageable(c, id);
        if (!catalogue(c)) {
            throw Problem.forbidden("only the state's administrators decide which municipalities may use a plugin");
        }
        UUID tenant = tenantId(tenantId);
        tenants.find(tenant).orElseThrow(() -> Problem.notFound("tenant " + tenantId + " does not exist"));
        host.setAvailable(p.id(), tenant, available);
        return view(p.id(), tenant).orElseThrow(() -> notFound(id));
    }

    /** The plugins a tenant may use, with its choices; members see only those in use. */
    public List<TenantPlugin> ofTenant(Caller c, String tenantId) {
        Tenant t = visibleTenant(c, tenantId);
        boolean admin = AccessRules.canEnablePlugins(c, t.id());
        return host.list().stream()
                .map(p -> view(p.row().id(), t.id()).orElse(null))
                .filter(v -> v != null && v.available() && (admin || v.enabled()))
                .toList();
    }

    /** A municipality's decision: use an available plugin or not. */
    public TenantPlugin setEnabled(Caller c, String tenantId, String id, boolean enabled) {
        Tenant t = visibleTenant(c, tenantId);
        if (!AccessRules.canEnablePlugins(c, t.id())) {
            throw Problem.forbidden("only the municipality's administrators enable plugins");
        }
        PluginId pid = pluginId(id);
        host.setEnabled(pid, t.id(), enabled);
        return view(pid, t.id()).orElseThrow(() -> notFound(id));
    }

    /** Switches a plugin off (or on again) in one room; the room's managers may do that. */
    public void setRoomEnabled(Caller c, String roomId, String id, boolean enabled, org.plenum.core.room.Rooms rooms) {
        org.plenum.core.room.Room room = rooms.get(c, roomId);
        if (!AccessRules.canManageRoom(c, room)) {
            throw Problem.forbidden("only the room's owner or a moderator of its tenant may change its plugins");
        }
        host.setRoomEnabled(pluginId(id), room.tenantId(), room.id(), enabled);
    }

    private Optional<TenantPlugin> view(PluginId id, UUID tenant) {
        Tenancy t = host.tenancy();
        if (!t.visibleTo(id, tenant)) {
            return Optional.empty();
        }
        return host.find(id).map(info -> new TenantPlugin(info, t.availableTo(id, tenant), t.enabledBy(id, tenant),
                t.usableBy(id, tenant) && info.running()));
    }

    private Tenant visibleTenant(Caller c, String tenantId) {
        UUID id = tenantId(tenantId);
        if (!AccessRules.canSeeTenantPlugins(c, id)) {
            throw Problem.notFound("tenant " + tenantId + " does not exist or you may not see it");
        }
        return tenants.find(id).orElseThrow(() -> Problem.notFound("tenant " + tenantId + " does not exist"));
    }

    /** The plugin, if the caller may administer it: 403 for non-admins, 404 for other tenants' private plugins. */
    private InstalledPlugin manageable(Caller c, String id) {
        requireAdmin(c);
        PluginId pid = pluginId(id);
        PluginInfo info = host.find(pid).orElseThrow(() -> notFound(id));
        InstalledPlugin p = info.row();
        if (p.ownerTenant().isPresent()) {
            if (!AccessRules.canManagePrivatePlugin(c, p.ownerTenant().get()) && !catalogue(c)) {
                throw notFound(id);
            }
        } else if (!catalogue(c)) {
            throw Problem.forbidden("only the state's administrators manage the plugins of the state's catalogue");
        }
        return p;
    }

    private boolean catalogue(Caller c) {
        UUID root = tenants.root().map(Tenant::id).orElse(null);
        return AccessRules.canManagePluginCatalogue(c, root);
    }

    private static void requireAdmin(Caller c) {
        if (!c.role().atLeast(PlatformRole.TENANT_ADMIN)) {
            throw Problem.forbidden("only administrators manage plugins");
        }
    }

    private static PluginId pluginId(String id) {
        try {
            return PluginId.of(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw notFound(id);
        }
    }

    private static UUID tenantId(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Problem.notFound("tenant '" + abbreviate(s) + "' is not a valid id");
        }
    }

    private static Problem notFound(String id) {
        return Problem.notFound("plugin " + abbreviate(id) + " is not installed or you may not see it");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
