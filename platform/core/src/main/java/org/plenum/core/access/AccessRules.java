package org.plenum.core.access;

import java.util.UUID;
import org.plenum.core.room.Room;
import org.plenum.core.user.PlatformRole;

/**
 * The authorisation matrix in one place. Rooms are private to their tenant: nobody outside it sees
 * them, platform admins included (they administer tenants and accounts, not other people's meetings).
 */
public final class AccessRules {

    private AccessRules() {
    }

    public static boolean canSeeRoom(Caller c, Room room) {
        return c.role() != PlatformRole.GUEST && c.tenantId().equals(room.tenantId());
    }

    /** Owner, or a moderator, tenant admin or platform admin of the room's tenant. */
    public static boolean canManageRoom(Caller c, Room room) {
        return canSeeRoom(c, room) && (c.userId().equals(room.ownerId()) || c.role().atLeast(PlatformRole.MODERATOR));
    }

    public static boolean canCreateRooms(Caller c) {
        return c.role().atLeast(PlatformRole.MEMBER);
    }

    public static boolean canAdministerTenant(Caller c, UUID tenantId) {
        return c.isPlatformAdmin() || (c.role() == PlatformRole.TENANT_ADMIN && c.tenantId().equals(tenantId));
    }

    public static boolean canCreateTenants(Caller c) {
        return c.isPlatformAdmin();
    }

    /** Admins may hand out roles up to their own, never above it. */
    public static boolean canGrantRole(Caller c, PlatformRole role) {
        return c.role().atLeast(PlatformRole.TENANT_ADMIN) && c.role().atLeast(role);
    }

    // ---- plugins

    /**
     * The state's catalogue of plugins (installed for all municipalities, made available to some):
     * platform admins, and the administrators of the state (root) tenant.
     */
    public static boolean canManagePluginCatalogue(Caller c, UUID rootTenantId) {
        return c.isPlatformAdmin() || (c.role() == PlatformRole.TENANT_ADMIN && c.tenantId().equals(rootTenantId));
    }

    /** A municipality's private plugin: that municipality's admins, and platform admins. */
    public static boolean canManagePrivatePlugin(Caller c, UUID ownerTenantId) {
        return canAdministerTenant(c, ownerTenantId);
    }

    /** Whether a plugin is used by a tenant (and in which of its rooms): the tenant's admins, and platform admins. */
    public static boolean canEnablePlugins(Caller c, UUID tenantId) {
        return canAdministerTenant(c, tenantId);
    }

    /** The plugins a tenant uses: its own users (for the web client's plugin list) and whoever administers it. */
    public static boolean canSeeTenantPlugins(Caller c, UUID tenantId) {
        return c.tenantId().equals(tenantId) || canAdministerTenant(c, tenantId);
    }
}
