package org.plenum.server.rest;

import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.plenum.core.PlatformCore;
import org.plenum.pluginhost.admin.PluginAdministration;
import org.plenum.pluginhost.lifecycle.PluginHost;
import org.plenum.server.web.WebClientConfig;

/** The REST API under {@code /api/v1}: resources, JSON rules and problem mappers. */
public final class ApiApplication extends ResourceConfig {

    public ApiApplication(PlatformCore core, PluginHost plugins) {
        this(core, plugins, WebClientConfig.localOnly());
    }

    public ApiApplication(PlatformCore core, PluginHost plugins, WebClientConfig webClient) {
        register(JacksonFeature.withoutExceptionMappers());
        register(Json.class);
        register(ProblemMappers.ForProblem.class);
        register(ProblemMappers.ForJson.class);
        register(ProblemMappers.ForWebApplication.class);
        register(ProblemMappers.ForAnythingElse.class);
        register(AuthResource.class);
        register(TenantResource.class);
        register(RoomResource.class);
        register(InviteResource.class);
        register(PluginAdminResource.class);
        register(TenantPluginResource.class);
        register(PluginRouteResource.class);
        register(OpenApiResource.class);
        register(ClientConfigResource.class);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(core).to(PlatformCore.class);
                bind(new PluginAdministration(plugins, core.tenants)).to(PluginAdministration.class);
                bind(plugins).to(PluginHost.class);
                bind(webClient).to(WebClientConfig.class);
            }
        });
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }
}
