package org.plenum.server.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassfish.jersey.server.ContainerRequest;
import org.plenum.api.http.CallerRole;
import org.plenum.api.http.HttpMethod;
import org.plenum.api.http.HttpResponse;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;
import org.plenum.pluginhost.admin.PluginAdministration;
import org.plenum.pluginhost.http.PluginHttpDispatcher;

/**
 * The one catch-all for plugin routes: {@code /api/v1/plugins/{pluginId}/…} is handed to the plugin's
 * route table ({@link PluginHttpDispatcher}). A bearer token, if sent, is verified first (401 when it
 * is bad); the plugin sees the caller, never the token.
 */
@Path("plugins/{pluginId}/{path: .*}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.WILDCARD)
public class PluginRouteResource extends ApiResource {

    /** Plugin bodies are limited like every other REST body. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    @Inject
    PluginAdministration plugins;

    @Context
    UriInfo uri;

    @Context
    ContainerRequest request;

    @GET
    public Response get(@PathParam("pluginId") String pluginId, @Encoded @PathParam("path") String path) {
        return dispatch(HttpMethod.GET, pluginId, path);
    }

    @POST
    public Response post(@PathParam("pluginId") String pluginId, @Encoded @PathParam("path") String path) {
        return dispatch(HttpMethod.POST, pluginId, path);
    }

    @PUT
    public Response put(@PathParam("pluginId") String pluginId, @Encoded @PathParam("path") String path) {
        return dispatch(HttpMethod.PUT, pluginId, path);
    }

    @PATCH
    public Response patch(@PathParam("pluginId") String pluginId, @Encoded @PathParam("path") String path) {
        return dispatch(HttpMethod.PATCH, pluginId, path);
    }

    @DELETE
    public Response delete(@PathParam("pluginId") String pluginId, @Encoded @PathParam("path") String path) {
        return dispatch(HttpMethod.DELETE, pluginId, path);
    }

    private Response dispatch(HttpMethod method, String pluginId, String path) {
        Optional<org.plenum.api.http.Caller> caller = Optional.empty();
        if (hasAuthorization()) {
            Caller c = caller();
            caller = Optional.of(new org.plenum.api.http.Caller(c.userId(), c.tenantId(), c.displayName(), CallerRole.valueOf(c.role().name())));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(request.getRequestHeaders());
        HttpResponse r = plugins.host().http().dispatch(new PluginHttpDispatcher.Request(pluginId, method, "/" + path,
                uri.getRequestUri().getRawQuery(), headers, caller, body()));
        Response.ResponseBuilder b = Response.status(r.status());
        r.headers().forEach(b::header);
        if (r.status() == 401) {
            b.header("WWW-Authenticate", "Bearer");
        }
        b.header("X-Content-Type-Options", "nosniff");
        b.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        if (r.header("cache-control").isEmpty()) {
            b.header("Cache-Control", "no-store");
        }
        byte[] body = r.body();
        if (body.length > 0) {
            b.entity(body);
        }
        return b.build();
    }

    private byte[] body() {
        InputStream in = request.getEntityStream();
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new Problem(Problem.Kind.TOO_LARGE, "a request to a plugin may carry at most " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw Problem.invalid("the request body could not be read: " + e.getMessage());
        }
    }

}
