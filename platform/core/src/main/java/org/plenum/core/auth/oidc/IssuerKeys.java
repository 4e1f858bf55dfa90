package org.plenum.core.auth.oidc;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of one issuer. The discovery document is read on first use, not at startup, so the
 * server starts while the identity provider is down; after that nimbus caches the key set, refreshes it
 * ahead of expiry and reloads it (rate-limited) when a token names a key it has not seen: key rotation.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    private final IssuerSettings issuer;
    private final ResourceRetriever http;
    private final Duration retryDelay;
    private final Clock clock;

    private volatile JWKSource<SecurityContext> keys;
    private Instant lastFailureAt;
    private KeySourceException lastFailure;

    /**
     * @param retryDelay after a failed discovery, requests within this time fail at once instead of each
     *                   waiting for the same unreachable identity provider
     */
    IssuerKeys(IssuerSettings issuer, ResourceRetriever http, Duration retryDelay, Clock clock) {
        this.issuer = issuer;
        this.http = http;
        this.retryDelay = retryDelay;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return keys().get(selector, context);
    }

    private JWKSource<SecurityContext> keys() throws KeySourceException {
        JWKSource<SecurityContext> known = keys;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (keys != null) {
                return keys;
            }
            if (lastFailure != null && clock.instant().isBefore(lastFailureAt.plus(retryDelay))) {
                throw lastFailure;
            }
            try {
                URL jwksUrl = issuer.jwksUrl().isPresent() ? issuer.jwksUrl().get().toURL() : discoverJwksUrl();
                keys = JWKSourceBuilder.create(jwksUrl, http).retrying(true).build();
                log.atInfo().setMessage("oidc issuer ready").addKeyValue("issuer", issuer.name()).addKeyValue("jwks", jwksUrl).log();
                return keys;
            } catch (KeySourceException e) {
                lastFailureAt = clock.instant();
                lastFailure = e;
                log.atWarn().setMessage("oidc discovery failed").addKeyValue("issuer", issuer.name())
                        .addKeyValue("reason", e.getMessage()).log();
                throw e;
            } catch (IOException | IllegalArgumentException e) {
                throw new KeySourceException("bad jwks url for issuer " + issuer.name() + ": " + e.getMessage(), e);
            }
        }
    }

    private URL discoverJwksUrl() throws KeySourceException {
        String base = issuer.issuer().endsWith("/") ? issuer.issuer().substring(0, issuer.issuer().length() - 1) : issuer.issuer();
        String discovery = base + "/.well-known/openid-configuration";
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(http.retrieveResource(URI.create(discovery).toURL()).getContent());
        } catch (IOException | ParseException e) {
            throw new KeySourceException("cannot read " + discovery + ": " + e, e);
        }
        // OpenID Connect Discovery 1.0, section 4.3: the document must name exactly the issuer we asked
        if (!issuer.issuer().equals(document.get("issuer"))) {
            throw new KeySourceException(discovery + " names the issuer '" + document.get("issuer") + "', expected '" + issuer.issuer() + "'");
        }
        if (!(document.get("jwks_uri") instanceof String jwksUri)) {
            throw new KeySourceException(discovery + " has no jwks_uri");
        }
        try {
            return URI.create(jwksUri).toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new KeySourceException(discovery + " has an unusable jwks_uri '" + jwksUri + "'", e);
        }
    }
}
