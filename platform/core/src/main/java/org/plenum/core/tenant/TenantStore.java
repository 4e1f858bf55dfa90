package org.plenum.core.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.core.error.Problem;
import org.plenum.core.storage.Jdbc;

/** Tenants in PostgreSQL: one root (the state) and municipalities beneath it. */
public final class TenantStore {

    private static final String COLUMNS = "id, slug, name, parent_id, created_at";

    private final Jdbc jdbc;

    public TenantStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Tenant> root() {
        return jdbc.one("select " + COLUMNS + " from plenum.tenant where parent_id is null", TenantStore::map);
    }

    public Tenant create(String slug, String name, UUID parentId) {
        if (slug == null || !slug.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw Problem.invalid("slug must be 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw Problem.invalid("name must be 1-200 characters");
        }
        if (parentId != null && find(parentId).isEmpty()) {
            throw Problem.invalid("parent tenant " + parentId + " does not exist");
        }
        UUID id = UUID.randomUUID();
        jdbc.update("insert into plenum.tenant (id, slug, name, parent_id) values (?, ?, ?, ?)", id, slug, name.strip(), parentId);
        return find(id).orElseThrow();
    }

    public Optional<Tenant> find(UUID id) {
        return jdbc.one("select " + COLUMNS + " from plenum.tenant where id = ?", TenantStore::map, id);
    }

    public Optional<Tenant> findBySlug(String slug) {
        return jdbc.one("select " + COLUMNS + " from plenum.tenant where slug = ?", TenantStore::map, slug);
    }

    public List<Tenant> all() {
        return jdbc.list("select " + COLUMNS + " from plenum.tenant order by parent_id nulls first, slug", TenantStore::map);
    }

    private static Tenant map(ResultSet rs) throws SQLException {
        return new Tenant(Jdbc.uuid(rs, "id"), rs.getString("slug"), rs.getString("name"),
                Jdbc.uuid(rs, "parent_id"), Jdbc.instant(rs, "created_at"));
    }
}
