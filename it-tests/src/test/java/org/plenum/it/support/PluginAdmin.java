package org.plenum.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/** What a platform administrator does with a plugin over the admin API: upload it, update it, offer it to a tenant, remove it. */
public final class PluginAdmin {

    private final TestRun run;
    private final String adminToken;

    public PluginAdmin(TestRun run, String adminToken) {
        this.run = run;
        this.adminToken = adminToken;
    }

    /** Logs in as the server's administrator ({@code admin}); the token is {@link #token()}. */
    public static PluginAdmin asServerAdmin(TestRun run) {
        return new PluginAdmin(run, run.api.post("/api/v1/auth/login", null,
                Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token"));
    }

    /** The administrator's access token, for other admin calls. */
    public String token() {
        return adminToken;
    }

    /** Uploads a signed plugin jar (expecting 201) and makes it available to and enabled by a tenant. */
    public void installFor(Path jar, String tenantId, String id) throws IOException, InterruptedException {
        HttpResponse<String> installed = upload(jar);
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        enableFor(tenantId, id);
    }

    /** The tenant switches plugin {@code id} on or off for its rooms (running meetings follow at once). */
    public void setEnabled(String tenantId, String id, boolean enabled) {
        assertThat(run.api.send("PUT", "/api/v1/tenants/" + tenantId + "/plugins/" + id, adminToken, Map.of("enabled", enabled)).status())
                .isBetween(200, 204);
    }

    /** Uploads a plugin jar ({@code POST /api/v1/admin/plugins}); the caller checks the answer. */
    public HttpResponse<String> upload(Path jar) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(run.server.url().resolve("/api/v1/admin/plugins"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(jar)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Replaces the running plugin {@code id} with the jar's version ({@code PUT /api/v1/admin/plugins/{id}}); the caller checks the answer. */
    public HttpResponse<String> update(String id, Path jar) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(run.server.url().resolve("/api/v1/admin/plugins/" + id))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(jar)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The state makes plugin {@code id} available to a tenant, and the tenant enables it. */
    public void enableFor(String tenantId, String id) {
        assertThat(run.api.send("PUT", "/api/v1/admin/plugins/" + id + "/tenants/" + tenantId, adminToken, Map.of("available", true)).status())
                .isBetween(200, 204);
        assertThat(run.api.send("PUT", "/api/v1/tenants/" + tenantId + "/plugins/" + id, adminToken, Map.of("enabled", true)).status())
                .isBetween(200, 204);
    }

    /** Uninstalls plugin {@code id}, so that other tests can install it again. */
    public void remove(String id) {
        run.api.delete("/api/v1/admin/plugins/" + id, adminToken);
    }
}
