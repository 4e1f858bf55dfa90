package org.plenum.server.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.plenum.core.config.ConfigurationException;
import org.plenum.core.config.Settings;

/**
 * What the browser client needs to know before anyone logs in: whether to offer the local login form, and at
 * which OIDC providers it can log in (authorization code + PKCE). Served by {@code GET /api/v1/client-config}
 * and used for the client's Content-Security-Policy. Keys are documented in {@code docs/operations.md},
 * section "Web client".
 *
 * @param localLogin whether the start page shows the form for local accounts ({@code web.local.login})
 * @param oidc       the providers offered as "log in with …" buttons, in the order of {@code web.oidc.issuers}
 */
public record WebClientConfig(boolean localLogin, List<OidcProvider> oidc) {

    /**
     * One OIDC provider the browser logs in at.
     *
     * @param name     the issuer's short name from {@code oidc.issuers}
     * @param issuer   the issuer URL; its discovery document is {@code <issuer>/.well-known/openid-configuration}
     * @param clientId the public client the browser uses ({@code web.oidc.client.id}, default {@code plenum})
     */
    public record OidcProvider(String name, String issuer, String clientId) {
    }

    public WebClientConfig {
        oidc = List.copyOf(oidc);
    }

    /** Local login only, no OIDC: the embedded default. */
    public static WebClientConfig localOnly() {
        return new WebClientConfig(true, List.of());
    }

    public static WebClientConfig from(Settings s) {
        Set<String> configured = names(s.get("oidc.issuers", ""));
        Set<String> offered = s.find("web.oidc.issuers").map(WebClientConfig::names).orElse(configured);
        String clientId = s.get("web.oidc.client.id", "plenum").strip();
        List<OidcProvider> providers = new ArrayList<>();
        for (String name : offered) {
            if (!configured.contains(name)) {
                throw new ConfigurationException("web.oidc.issuers names '" + name + "', which is not one of oidc.issuers " + configured
                        + "; the web client can only log in at issuers whose tokens the server accepts");
            }
            String issuer = s.find("oidc.issuer." + name + ".url").map(String::strip).orElseThrow(() -> new ConfigurationException(
                    "oidc.issuer." + name + ".url is not set"));
            providers.add(new OidcProvider(name, issuer, s.get("web.oidc.issuer." + name + ".client.id", clientId).strip()));
        }
        return new WebClientConfig(s.getBoolean("web.local.login", true), providers);
    }

    /** The origins the browser talks to besides this server (discovery, token endpoint), for {@code connect-src}. */
    public List<String> providerOrigins() {
        return oidc.stream().map(p -> URI.create(p.issuer())).map(u -> u.getScheme() + "://" + u.getRawAuthority()).distinct().toList();
    }

    private static Set<String> names(String list) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(String::strip).filter(n -> !n.isEmpty()).forEach(out::add);
        return out;
    }
}
