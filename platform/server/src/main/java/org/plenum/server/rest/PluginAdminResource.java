package org.plenum.server.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;
import org.plenum.core.security.SecureTokens;
import org.plenum.pluginhost.admin.PluginAdministration;
import org.plenum.pluginhost.lifecycle.PluginInfo;
import org.plenum.server.rest.PluginViews.AvailabilityChange;
import org.plenum.server.rest.PluginViews.PluginView;
import org.plenum.server.rest.PluginViews.TenantPluginView;

/**
 * Installing and running plugins: the state's catalogue and municipalities' private modules. Jars are
 * uploaded as {@code application/octet-stream}, up to {@code plugins.max.upload.bytes}.
 */
@jakarta.ws.rs.Path("admin/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginAdminResource extends ApiResource {

    static final String JAR = "application/octet-stream";

    @Inject
    PluginAdministration plugins;

    @GET
    public List<PluginView> list() {
        return plugins.list(caller()).stream().map(PluginView::of).toList();
    }

    @POST
    @Consumes(JAR)
    public Response install(@QueryParam("tenant") String tenant, InputStream jar) {
        Caller c = caller();
        Optional<UUID> owner = tenant == null ? Optional.empty() : Optional.of(queryUuid(tenant, "tenant"));
        plugins.checkInstall(c, owner);
        PluginInfo p = withUpload(jar, file -> plugins.install(c, file, owner));
        return Response.created(URI.create("admin/plugins/" + p.row().id())).entity(PluginView.of(p)).build();
    }

    @GET
    @jakarta.ws.rs.Path("{pluginId}")
    public PluginView get(@PathParam("pluginId") String pluginId) {
        return PluginView.of(plugins.get(caller(), pluginId));
    }

    @PUT
    @jakarta.ws.rs.Path("{pluginId}")
    @Consumes(JAR)
    public PluginView update(@PathParam("pluginId") String pluginId, InputStream jar) {
        Caller c = caller();
        plugins.get(c, pluginId);
        return PluginView.of(withUpload(jar, file -> plugins.update(c, pluginId, file)));
    }

    @POST
    @jakarta.ws.rs.Path("{pluginId}/enable")
    public PluginView enable(@PathParam("pluginId") String pluginId) {
        return PluginView.of(plugins.enable(caller(), pluginId));
    }

    @POST
    @jakarta.ws.rs.Path("{pluginId}/disable")
    public PluginView disable(@PathParam("pluginId") String pluginId) {
        return PluginView.of(plugins.disable(caller(), pluginId));
    }

    @DELETE
    @jakarta.ws.rs.Path("{pluginId}")
    public Response uninstall(@PathParam("pluginId") String pluginId, @QueryParam("purge") String purge) {
        boolean drop = switch (purge == null ? "false" : purge) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Problem.invalid("purge must be true or false");
        };
        plugins.uninstall(caller(), pluginId, drop);
        return Response.noContent().build();
    }

    @PUT
    @jakarta.ws.rs.Path("{pluginId}/tenants/{tenantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TenantPluginView setAvailable(@PathParam("pluginId") String pluginId, @PathParam("tenantId") String tenantId,
                                         AvailabilityChange body) {
        Caller c = caller();
        AvailabilityChange change = required(body);
        if (change.available() == null) {
            throw Problem.invalid("available is required: true or false");
        }
        return TenantPluginView.of(plugins.setAvailable(c, pluginId, tenantId, change.available()));
    }

    @FunctionalInterface
    private interface WithFile<T> {
        T apply(Path file);
    }

    /** Streams the upload into a temporary file in the plugin directory (bounded), runs {@code action}, deletes the file. */
    private <T> T withUpload(InputStream in, WithFile<T> action) {
        long max = plugins.host().config().maxUploadBytes();
        Path dir = plugins.host().config().directory();
        Path file = dir.resolve(".upload-" + SecureTokens.urlSafe(12) + ".jar");
        try {
            long total = 0;
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while (in != null && (n = in.read(buffer)) >= 0) {
                    total += n;
                    if (total > max) {
                        throw new Problem(Problem.Kind.TOO_LARGE, "a plugin jar may be at most " + max + " bytes (plugins.max.upload.bytes)");
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (total == 0) {
                throw Problem.invalid("send the plugin's .jar file as the request body (Content-Type: application/octet-stream)");
            }
            return action.apply(file);
        } catch (IOException e) {
            throw new Problem(Problem.Kind.INVALID, "the upload could not be read completely: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stray upload file; the next start lists it as stray
            }
        }
    }

    static UUID queryUuid(String s, String name) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(name + " must be a tenant id (a UUID)");
        }
    }
}
