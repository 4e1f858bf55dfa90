package org.plenum.pluginhost.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.PluginId;
import org.plenum.api.SemVer;
import org.plenum.core.storage.Jdbc;

/** The plugin registry's tables in PostgreSQL ({@code plenum.plugin*}); plain SQL, no rules (those are the host's). */
public final class RegistryStore {

    private static final String COLUMNS = "id, version, loader, state, reason, owner_tenant_id, jar_file, sha256, signers, "
            + "installed_at, installed_by, updated_at";

    private final Jdbc jdbc;

    public RegistryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<InstalledPlugin> all() {
        return jdbc.list("select " + COLUMNS + " from plenum.plugin order by id", RegistryStore::map);
    }

    public Optional<InstalledPlugin> find(PluginId id) {
        return jdbc.one("select " + COLUMNS + " from plenum.plugin where id = ?", RegistryStore::map, id.value());
    }

    public void insert(InstalledPlugin p) {
        jdbc.update("insert into plenum.plugin (id, version, loader, state, reason, owner_tenant_id, jar_file, sha256, signers, "
                        + "installed_at, installed_by, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id().value(), p.version().toString(), p.loader(), p.state().wireName(), p.reason().orElse(null),
                p.ownerTenant().orElse(null), p.jarFile(), p.sha256(), p.signers(), p.installedAt(), p.installedBy().orElse(null),
                p.updatedAt());
        if (p.ownerTenant().isPresent()) {
            // the owner of a private plugin always has it available; enabling stays the owner's admins' decision
            setAvailable(p.id(), p.ownerTenant().get(), true);
        }
    }

    /** A new version replaces the old one in place; tenant rows, room rows and settings stay. */
    public void replaceVersion(PluginId id, SemVer version, String loader, String jarFile, String sha256, List<String> signers,
                               UUID installedBy) {
        jdbc.update("update plenum.plugin set version = ?, loader = ?, jar_file = ?, sha256 = ?, signers = ?, installed_at = now(), "
                + "installed_by = ?, updated_at = now() where id = ?", version.toString(), loader, jarFile, sha256, signers, installedBy,
                id.value());
    }

    public void setState(PluginId id, PluginState state, String reason) {
        jdbc.update("update plenum.plugin set state = ?, reason = ?, updated_at = now() where id = ?", state.wireName(),
                reason == null ? null : abbreviate(reason), id.value());
    }

    /** Removes the plugin and its tenant and room rows; settings stay unless {@code purgeSettings}. */
    public void delete(PluginId id, boolean purgeSettings) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "delete from plenum.plugin where id = ?", id.value());
            if (purgeSettings) {
                Jdbc.update(c, "delete from plenum.plugin_settings where plugin_id = ?", id.value());
            }
            return null;
        });
    }

    public List<TenantGrant> grants() {
        return jdbc.list("select plugin_id, tenant_id, available, enabled from plenum.plugin_tenant order by plugin_id, tenant_id",
                rs -> new TenantGrant(PluginId.of(rs.getString(1)), Jdbc.uuid(rs, "tenant_id"), rs.getBoolean(3), rs.getBoolean(4)));
    }

    /** Withdrawing availability also withdraws the tenant's enablement: enabling again is the municipality's decision. */
    public void setAvailable(PluginId id, UUID tenantId, boolean available) {
        jdbc.update("insert into plenum.plugin_tenant (plugin_id, tenant_id, available, enabled) values (?, ?, ?, false) "
                + "on conflict (plugin_id, tenant_id) do update set available = excluded.available, "
                + "enabled = plenum.plugin_tenant.enabled and excluded.available, updated_at = now()", id.value(), tenantId, available);
    }

    public void setEnabled(PluginId id, UUID tenantId, boolean enabled) {
        jdbc.update("insert into plenum.plugin_tenant (plugin_id, tenant_id, available, enabled) values (?, ?, false, ?) "
                + "on conflict (plugin_id, tenant_id) do update set enabled = excluded.enabled, updated_at = now()", id.value(), tenantId,
                enabled);
    }

    public List<RoomSwitch> roomSwitches() {
        return jdbc.list("select plugin_id, room_id, enabled from plenum.plugin_room order by plugin_id, room_id",
                rs -> new RoomSwitch(PluginId.of(rs.getString(1)), rs.getString(2), rs.getBoolean(3)));
    }

    public void setRoom(PluginId id, String roomId, boolean enabled) {
        jdbc.update("insert into plenum.plugin_room (plugin_id, room_id, enabled) values (?, ?, ?) "
                + "on conflict (plugin_id, room_id) do update set enabled = excluded.enabled, updated_at = now()", id.value(), roomId, enabled);
    }

    public Optional<String> settings(PluginId id, UUID tenantId) {
        return jdbc.one("select settings from plenum.plugin_settings where plugin_id = ? and tenant_id = ?", rs -> rs.getString(1),
                id.value(), tenantId);
    }

    public void putSettings(PluginId id, UUID tenantId, String json) {
        jdbc.update("insert into plenum.plugin_settings (plugin_id, tenant_id, settings) values (?, ?, ?) "
                + "on conflict (plugin_id, tenant_id) do update set settings = excluded.settings, updated_at = now()", id.value(), tenantId, json);
    }

    private static InstalledPlugin map(ResultSet rs) throws SQLException {
        return new InstalledPlugin(PluginId.of(rs.getString("id")), SemVer.parse(rs.getString("version")), rs.getString("loader"),
                PluginState.fromWireName(rs.getString("state")), Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(Jdbc.uuid(rs, "owner_tenant_id")), rs.getString("jar_file"), rs.getString("sha256"),
                Jdbc.textArray(rs, "signers"), instant(rs, "installed_at"), Optional.ofNullable(Jdbc.uuid(rs, "installed_by")),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Jdbc.instant(rs, column);
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 1999) + "…" : s;
    }
}
