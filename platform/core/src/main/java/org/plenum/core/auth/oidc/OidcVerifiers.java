package org.plenum.core.auth.oidc;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.plenum.core.config.ConfigurationException;
import org.plenum.core.config.Settings;
import org.plenum.core.tenant.TenantStore;
import org.plenum.core.user.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one verifier per issuer named in {@code oidc.issuers} from the keys {@code oidc.issuer.<name>.*}.
 * Nothing is fetched here: each issuer's keys are discovered on its first token.
 */
public final class OidcVerifiers {

    private static final Logger log = LoggerFactory.getLogger(OidcVerifiers.class);

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(5);
    /** How long a failed discovery is remembered before the next request tries again. */
    static final Duration DISCOVERY_RETRY_DELAY = Duration.ofSeconds(5);
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    private OidcVerifiers() {
    }

    public static List<OidcTokenVerifier> fromSettings(Settings settings, TenantStore tenants, UserStore users, Clock clock) {
        Duration skew = settings.getDuration("oidc.clock.skew", DEFAULT_CLOCK_SKEW);
        Duration timeout = settings.getDuration("oidc.http.timeout", DEFAULT_HTTP_TIMEOUT);
        ResourceRetriever http = new DefaultResourceRetriever((int) timeout.toMillis(), (int) timeout.toMillis(), MAX_DOCUMENT_BYTES);
        KnownIdentities identities = new KnownIdentities(users, clock);
        List<OidcTokenVerifier> verifiers = new ArrayList<>();
        Set<String> issuers = new HashSet<>();
        for (IssuerSettings issuer : issuers(settings)) {
            if (!issuers.add(issuer.issuer())) {
                throw new ConfigurationException("the issuer " + issuer.issuer() + " is configured twice in oidc.issuers;"
                        + " map several municipalities of one realm with oidc.issuer." + issuer.name() + ".group.tenants instead");
            }
            warnIfPlainHttp(issuer);
            IssuerKeys keys = new IssuerKeys(issuer, http, DISCOVERY_RETRY_DELAY, clock);
            verifiers.add(new OidcTokenVerifier(issuer, keys, tenants::findBySlug, identities, skew, clock));
            log.atInfo().setMessage("oidc issuer configured").addKeyValue("issuer", issuer.name()).addKeyValue("url", issuer.issuer()).log();
        }
        return verifiers;
    }

    /** The issuers named in {@code oidc.issuers}, a comma-separated list of names. */
    public static List<IssuerSettings> issuers(Settings settings) {
        List<IssuerSettings> out = new ArrayList<>();
        for (String name : settings.get("oidc.issuers", "").split(",")) {
            if (!name.isBlank()) {
                out.add(IssuerSettings.from(settings, name.strip()));
            }
        }
        return out;
    }

    private static void warnIfPlainHttp(IssuerSettings issuer) {
        URI url = URI.create(issuer.issuer());
        boolean loopback = "127.0.0.1".equals(url.getHost()) || "localhost".equals(url.getHost()) || "[::1]".equals(url.getHost());
        if ("http".equals(url.getScheme()) && !loopback) {
            log.atWarn().setMessage("oidc issuer is reached over plain http; use https outside of tests")
                    .addKeyValue("issuer", issuer.name()).log();
        }
    }
}
