package org.plenum.core.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.core.error.Problem;
import org.plenum.core.storage.Jdbc;

/** Users in PostgreSQL: local accounts (username + password hash) and identities seen from OIDC issuers. */
public final class UserStore {

    private static final String COLUMNS = "id, tenant_id, username, display_name, role, issuer, subject";

    private final Jdbc jdbc;

    public UserStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public User createLocal(UUID tenantId, String username, String passwordHash, String displayName, PlatformRole role) {
        if (username == null || !username.matches("[a-zA-Z0-9._@-]{1,100}")) {
            throw Problem.invalid("username must be 1-100 characters of letters, digits and . _ @ -");
        }
        checkDisplayName(displayName);
        UUID id = UUID.randomUUID();
        jdbc.update("insert into plenum.app_user (id, tenant_id, username, password_hash, display_name, role) values (?, ?, ?, ?, ?, ?)",
                id, tenantId, username, passwordHash, displayName.strip(), role.wireName());
        return find(id).orElseThrow();
    }

    /**
     * Records an OIDC identity on first sight and keeps its tenant, name and role in step with the
     * issuer's latest token, so that role changes in Keycloak take effect at the next request.
     */
    public User upsertExternal(String issuer, String subject, UUID tenantId, String displayName, PlatformRole role) {
        String name = displayName == null || displayName.isBlank() ? "User" : displayName.strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        jdbc.update("""
                insert into plenum.app_user (id, tenant_id, issuer, subject, display_name, role) values (?, ?, ?, ?, ?, ?)
                on conflict (issuer, subject) do update
                  set tenant_id = excluded.tenant_id, display_name = excluded.display_name, role = excluded.role
                """, UUID.randomUUID(), tenantId, issuer, subject, name, role.wireName());
        return jdbc.one("select " + COLUMNS + " from plenum.app_user where issuer = ? and subject = ?", UserStore::map, issuer, subject)
                .orElseThrow();
    }

    public Optional<User> find(UUID id) {
        return jdbc.one("select " + COLUMNS + " from plenum.app_user where id = ?", UserStore::map, id);
    }

    public Optional<User> findByUsername(String username) {
        return jdbc.one("select " + COLUMNS + " from plenum.app_user where username = ?", UserStore::map, username);
    }

    public Optional<String> passwordHash(UUID userId) {
        return jdbc.one("select password_hash from plenum.app_user where id = ?", rs -> rs.getString(1), userId);
    }

    public void setPasswordHash(UUID userId, String hash) {
        jdbc.update("update plenum.app_user set password_hash = ? where id = ?", hash, userId);
    }

    public List<User> inTenant(UUID tenantId) {
        return jdbc.list("select " + COLUMNS + " from plenum.app_user where tenant_id = ? order by display_name", UserStore::map, tenantId);
    }

    private static void checkDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw Problem.invalid("displayName must be 1-200 characters");
        }
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "tenant_id"), rs.getString("username"), rs.getString("display_name"),
                PlatformRole.fromWireName(rs.getString("role")), rs.getString("issuer"), rs.getString("subject"));
    }
}
