package org.plenum.server.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;
import org.plenum.pluginhost.admin.PluginAdministration;
import org.plenum.server.rest.PluginViews.EnablementChange;
import org.plenum.server.rest.PluginViews.TenantPluginView;

/** The plugins of one municipality: what it may use, what it uses, and where the web client finds their UI. */
@Path("tenants/{tenantId}/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class TenantPluginResource extends ApiResource {

    @Inject
    PluginAdministration plugins;

    @GET
    public List<TenantPluginView> list(@PathParam("tenantId") String tenantId) {
        return plugins.ofTenant(caller(), tenantId).stream().map(TenantPluginView::of).toList();
    }

    @PUT
    @Path("{pluginId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TenantPluginView setEnabled(@PathParam("tenantId") String tenantId, @PathParam("pluginId") String pluginId, EnablementChange body) {
        Caller c = caller();
        EnablementChange change = required(body);
        if (change.enabled() == null) {
            throw Problem.invalid("enabled is required: true or false");
        }
        return TenantPluginView.of(plugins.setEnabled(c, tenantId, pluginId, change.enabled()));
    }
}
