package org.plenum.server.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.plenum.core.access.AccessRules;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;
import org.plenum.core.tenant.Tenant;
import org.plenum.core.user.PlatformRole;
import org.plenum.core.user.User;

/** Tenants (state and municipalities) and their local accounts. */
@Path("tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource extends ApiResource {

    public record TenantView(String id, String slug, String name, String parentId, String createdAt) {
        static TenantView of(Tenant t) {
            return new TenantView(t.id().toString(), t.slug(), t.name(), t.parentId() == null ? null : t.parentId().toString(),
                    t.createdAt().toString());
        }
    }

    public record NewTenant(String slug, String name, String parentId) {
    }

    public record UserView(String id, String tenantId, String username, String displayName, String role) {
        static UserView of(User u) {
            return new UserView(u.id().toString(), u.tenantId().toString(), u.username(), u.displayName(), u.role().wireName());
        }
    }

    public record NewUser(String username, String password, String displayName, String role) {
    }

    @GET
    public List<TenantView> list() {
        Caller c = caller();
        return core.tenants.all().stream()
                .filter(t -> AccessRules.canAdministerTenant(c, t.id()) || t.id().equals(c.tenantId()))
                .map(TenantView::of).toList();
    }

    @POST
    public Response create(NewTenant body) {
        Caller c = caller();
        if (!AccessRules.canCreateTenants(c)) {
            throw Problem.forbidden("only platform admins create tenants");
        }
        NewTenant n = required(body);
        UUID parent = n.parentId() == null ? core.tenants.root().orElseThrow().id() : bodyUuid(n.parentId(), "parentId");
        Tenant t = core.tenants.create(n.slug(), n.name(), parent);
        return Response.created(java.net.URI.create("tenants/" + t.id())).entity(TenantView.of(t)).build();
    }

    @GET
    @Path("{tenantId}")
    public TenantView get(@PathParam("tenantId") String tenantId) {
        return TenantView.of(visible(caller(), tenantId));
    }

    @GET
    @Path("{tenantId}/users")
    public List<UserView> users(@PathParam("tenantId") String tenantId) {
        Tenant t = administered(caller(), tenantId);
        return core.users.inTenant(t.id()).stream().map(UserView::of).toList();
    }

    @POST
    @Path("{tenantId}/users")
    public Response createUser(@PathParam("tenantId") String tenantId, NewUser body) {
        Caller c = caller();
        Tenant t = administered(c, tenantId);
        NewUser n = required(body);
        PlatformRole role = parseRole(n.role());
        if (!AccessRules.canGrantRole(c, role)) {
            throw Problem.forbidden("you may not grant the role " + role.wireName());
        }
        if (role == PlatformRole.PLATFORM_ADMIN && !t.isRoot()) {
            throw Problem.invalid("platform admins belong to the state (root) tenant");
        }
        if (n.password() == null || n.password().length() < 12) {
            throw Problem.invalid("password must be at least 12 characters");
        }
        User u = core.users.createLocal(t.id(), n.username(), core.passwords.hash(n.password()), n.displayName(), role);
        return Response.created(java.net.URI.create("tenants/" + t.id() + "/users/" + u.id())).entity(UserView.of(u)).build();
    }

    private Tenant visible(Caller c, String tenantId) {
        UUID id = uuid(tenantId, "tenant id");
        if (!AccessRules.canAdministerTenant(c, id) && !id.equals(c.tenantId())) {
            throw Problem.notFound("tenant " + tenantId + " does not exist or you may not see it");
        }
        return core.tenants.find(id).orElseThrow(() -> Problem.notFound("tenant " + tenantId + " does not exist"));
    }

    private Tenant administered(Caller c, String tenantId) {
        Tenant t = visible(c, tenantId);
        if (!AccessRules.canAdministerTenant(c, t.id())) {
            throw Problem.forbidden("only admins of this tenant may manage its users");
        }
        return t;
    }

    static PlatformRole parseRole(String role) {
        if (role == null) {
            return PlatformRole.MEMBER;
        }
        try {
            return PlatformRole.fromWireName(role);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("role must be one of platform_admin, tenant_admin, moderator, member, guest");
        }
    }

    static UUID uuid(String s, String what) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Problem.notFound(what + " '" + abbreviate(s) + "' is not a valid id");
        }
    }

    /** An id inside a request body: malformed is a client error (400), unlike a path id (404). */
    static UUID bodyUuid(String s, String field) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(field + " must be a UUID");
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
