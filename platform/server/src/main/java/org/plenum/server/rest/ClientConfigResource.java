package org.plenum.server.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.plenum.api.PluginId;
import org.plenum.core.error.Problem;
import org.plenum.pluginhost.lifecycle.PluginHost;
import org.plenum.server.web.WebClientConfig;

/**
 * What the browser client needs before (or without) a login: how people log in, and where a plugin's UI module is.
 * Public: nothing here is secret (plugin UI files are served without a token anyway).
 */
@Path("client-config")
@Produces(MediaType.APPLICATION_JSON)
public class ClientConfigResource extends ApiResource {

    /** How the start page offers login. */
    public record ClientConfig(boolean localLogin, List<OidcProviderView> oidc) {
    }

    /** An OIDC provider the browser logs in at with authorization code + PKCE. */
    public record OidcProviderView(String name, String issuer, String clientId) {
    }

    @Inject
    WebClientConfig config;

    @Inject
    PluginHost plugins;

    @GET
    public ClientConfig clientConfig() {
        return new ClientConfig(config.localLogin(),
                config.oidc().stream().map(p -> new OidcProviderView(p.name(), p.issuer(), p.clientId())).toList());
    }

    /** Guests have no token for {@code /tenants/{id}/plugins}; the plugins in {@code joined} are looked up here. */
    @GET
    @Path("plugins/{pluginId}")
    public PluginViews.UiView pluginUi(@PathParam("pluginId") String pluginId) {
        PluginId id;
        try {
            id = PluginId.of(pluginId);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("no plugin '" + pluginId + "' with a web client part is running");
        }
        return plugins.find(id).filter(p -> plugins.isRunning(id)).map(PluginViews.UiView::of)
                .orElseThrow(() -> Problem.notFound("no plugin '" + pluginId + "' with a web client part is running"));
    }
}
