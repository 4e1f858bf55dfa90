package org.plenum.core.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.List;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;

/** Turns an {@code Authorization: Bearer …} header into a {@link Caller}, asking the verifier of the token's issuer. */
public final class Authenticator {

    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final List<TokenVerifier> verifiers;

    public Authenticator(List<TokenVerifier> verifiers) {
        this.verifiers = List.copyOf(verifiers);
    }

    public Caller authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw Problem.unauthenticated("this request needs an Authorization: Bearer <access token> header");
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Problem.unauthenticated("the Authorization header must use the Bearer scheme");
        }
        String token = authorizationHeader.substring(7).trim();
        if (token.length() > MAX_TOKEN_CHARS) {
            throw Problem.unauthenticated("the bearer token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        JWT parsed;
        String issuer;
        try {
            parsed = JWTParser.parse(token);
            issuer = parsed.getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            throw Problem.unauthenticated("the bearer token is not a signed JWT");
        }
        if (parsed instanceof PlainJWT) {
            throw Problem.unauthenticated("the bearer token is unsigned (alg none); only signed tokens are accepted");
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            throw Problem.unauthenticated("the bearer token is not a signed JWT");
        }
        if (issuer == null) {
            throw Problem.unauthenticated("the bearer token has no issuer (iss)");
        }
        for (TokenVerifier v : verifiers) {
            if (v.accepts(issuer)) {
                return v.verify(jwt);
            }
        }
        throw Problem.unauthenticated("tokens from issuer " + issuer + " are not trusted by this server");
    }
}
