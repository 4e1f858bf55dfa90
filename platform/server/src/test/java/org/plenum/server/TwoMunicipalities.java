package org.plenum.server;

import java.util.Map;

/**
 * Test fixture: the municipalities Erfurt and Jena beneath the state, each with a tenant admin, a
 * moderator and a member holding local accounts, created through the REST API as the platform admin.
 */
public final class TwoMunicipalities {

    public static final String PASSWORD = "correct-horse-battery";

    /** One municipality's tenant id and its users' access tokens. */
    public record Town(String tenantId, String admin, String moderator, String member) {
    }

    public final Town erfurt;
    public final Town jena;
    public final String platformAdmin;

    public TwoMunicipalities(TestServer t) {
        platformAdmin = t.adminToken();
        erfurt = town(t, "erfurt", "Stadt Erfurt");
        jena = town(t, "jena", "Stadt Jena");
    }

    /** One more municipality, with an admin, a moderator and a member. */
    public Town another(TestServer t, String slug, String name) {
        return town(t, slug, name);
    }

    private Town town(TestServer t, String slug, String name) {
        TestServer.Reply tenant = t.post("/api/v1/tenants", platformAdmin, Map.of("slug", slug, "name", name));
        if (tenant.status() != 201) {
            throw new IllegalStateException("tenant not created: " + tenant.raw().body());
        }
        String id = tenant.text("id");
        return new Town(id, user(t, id, slug + "-admin", "tenant_admin"), user(t, id, slug + "-moderator", "moderator"),
                user(t, id, slug + "-member", "member"));
    }

    private String user(TestServer t, String tenantId, String username, String role) {
        TestServer.Reply r = t.post("/api/v1/tenants/" + tenantId + "/users", platformAdmin,
                Map.of("username", username, "password", PASSWORD, "displayName", username, "role", role));
        if (r.status() != 201) {
            throw new IllegalStateException("user not created: " + r.raw().body());
        }
        return t.login(username, PASSWORD);
    }
}
