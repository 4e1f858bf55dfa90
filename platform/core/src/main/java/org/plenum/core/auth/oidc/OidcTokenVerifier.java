package org.plenum.core.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.plenum.core.access.Caller;
import org.plenum.core.auth.TokenVerifier;
import org.plenum.core.error.Problem;
import org.plenum.core.tenant.Tenant;
import org.plenum.core.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens of one OIDC issuer (a Keycloak realm): the signature with a key the issuer publishes,
 * then issuer, lifetime and audience, then the mapping of groups and roles to a Plenum tenant and role.
 * Every refusal says what was wrong, so that whoever configures the identity provider can fix it.
 */
public final class OidcTokenVerifier implements TokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(OidcTokenVerifier.class);

    /** Header types of access tokens: Keycloak's {@code JWT}, RFC 9068's {@code at+jwt}, or none. */
    private static final Set<JOSEObjectType> ACCESS_TOKEN_TYPES =
            Collections.unmodifiableSet(new HashSet<>(Arrays.asList(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null)));

    private final IssuerSettings issuer;
    private final Duration clockSkew;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> signatures = new DefaultJWTProcessor<>();
    private final IdentityMapping mapping;
    private final KnownIdentities identities;

    OidcTokenVerifier(IssuerSettings issuer, IssuerKeys keys, Function<String, Optional<Tenant>> tenantsBySlug,
                      KnownIdentities identities, Duration clockSkew, Clock clock) {
        this.issuer = issuer;
        this.clockSkew = clockSkew;
        this.clock = clock;
        this.mapping = new IdentityMapping(issuer, tenantsBySlug);
        this.identities = identities;
        signatures.setJWSKeySelector(new JWSVerificationKeySelector<>(issuer.algorithms(), keys));
        signatures.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(ACCESS_TOKEN_TYPES));
        signatures.setJWTClaimsSetVerifier(null); // the claims are checked below, each with its own message
    }

    @Override
    public boolean accepts(String tokenIssuer) {
        return issuer.issuer().equals(tokenIssuer);
    }

    @Override
    public Caller verify(SignedJWT token) {
        try {
            JWTClaimsSet claims = checkSignature(token);
            checkClaims(claims);
            IdentityMapping.Identity identity = mapping.map(claims);
            User user = identities.record(issuer.issuer(), claims.getSubject(), identity);
            return new Caller(user.id(), identity.tenant().id(), user.displayName(), identity.role());
        } catch (Problem p) {
            log.atDebug().setMessage("oidc token refused").addKeyValue("issuer", issuer.name()).addKeyValue("reason", p.detail()).log();
            throw p;
        }
    }

    private JWTClaimsSet checkSignature(SignedJWT token) {
        JWSAlgorithm alg = token.getHeader().getAlgorithm();
        if (!issuer.algorithms().contains(alg)) {
            throw Problem.unauthenticated("the token is signed with " + alg + ", but tokens of issuer '" + issuer.name()
                    + "' must be signed with " + issuer.algorithms().stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(" or ")));
        }
        if (!ACCESS_TOKEN_TYPES.contains(token.getHeader().getType())) {
            throw Problem.unauthenticated("the token's header type '" + token.getHeader().getType() + "' is not that of an access token");
        }
        try {
            return signatures.process(token, null);
        } catch (BadJWSException e) {
            throw Problem.unauthenticated("the token's signature does not match the keys published by its issuer");
        } catch (BadJOSEException | RateLimitReachedException e) {
            // algorithm and type were checked above, so what is left is an unknown key; the rate limit says
            // the key set was just reloaded (rotation) and still lacks it
            throw Problem.unauthenticated("the token is signed with a key (kid " + token.getHeader().getKeyID()
                    + ") that its issuer does not publish");
        } catch (KeySourceException e) {
            throw new Problem(Problem.Kind.UNAVAILABLE, "the keys of the identity provider '" + issuer.name()
                    + "' cannot be fetched right now, so the token cannot be checked; try again later");
        } catch (JOSEException e) {
            throw Problem.unauthenticated("the token's signature cannot be checked: " + e.getMessage());
        }
    }

    private void checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        if (!issuer.issuer().equals(claims.getIssuer())) {
            throw Problem.unauthenticated("the token's issuer is not '" + issuer.issuer() + "'");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw Problem.unauthenticated("the token has no expiry time (exp); this server accepts only tokens that expire");
        }
        if (now.isAfter(exp.toInstant().plus(clockSkew))) {
            throw Problem.unauthenticated("the token has expired (at " + exp.toInstant() + "); get a new access token");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(clockSkew).isBefore(nbf.toInstant())) {
            throw Problem.unauthenticated("the token is not valid before " + nbf.toInstant() + "; check the clocks of server and identity provider");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(issuer.audience())) {
            String named = audience == null || audience.isEmpty() ? "no audience" : "audience " + String.join(", ", audience);
            throw Problem.unauthenticated("the token is not meant for this server (" + named + ", expected '"
                    + issuer.audience() + "'); the identity provider must add this audience to access tokens");
        }
        // Keycloak marks its tokens: an ID token also names our client as audience but is not an access token
        if (claims.getClaim("typ") instanceof String typ && !typ.equalsIgnoreCase("Bearer")) {
            throw Problem.unauthenticated("the token is of type '" + typ + "', not an access token (Bearer)");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw Problem.unauthenticated("the token has no subject (sub), so it names nobody");
        }
    }
}
