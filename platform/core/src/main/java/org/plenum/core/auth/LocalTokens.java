package org.plenum.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;
import org.plenum.core.security.SecureTokens;
import org.plenum.core.storage.Jdbc;
import org.plenum.core.user.User;
import org.plenum.core.user.UserStore;

/**
 * Access tokens for local accounts: ES256 JWTs signed by the server's own key, which is created on
 * first start and kept in the database so tokens survive restarts and work on every node.
 */
public final class LocalTokens implements TokenVerifier {

    public static final String AUDIENCE = "plenum";
    private static final String KEY_NAME = "local-token-signing";

    private final String issuer;
    private final Duration lifetime;
    private final ECKey key;
    private final ECDSAVerifier verifier;
    private final UserStore users;
    private final Clock clock;

    public LocalTokens(String issuer, Duration lifetime, Jdbc jdbc, UserStore users, Clock clock) {
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.users = users;
        this.clock = clock;
        this.key = loadOrCreateKey(jdbc);
        try {
            this.verifier = new ECDSAVerifier(key.toECPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("server signing key is unusable", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(User user) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(user.id().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(SecureTokens.urlSafe(12))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
        return jwt.serialize();
    }

    @Override
    public boolean accepts(String tokenIssuer) {
        return issuer.equals(tokenIssuer);
    }

    @Override
    public Caller verify(SignedJWT jwt) {
        try {
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw Problem.unauthenticated("the access token's signature is not valid");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
                throw Problem.unauthenticated("the access token is not meant for this server (audience)");
            }
            Date exp = claims.getExpirationTime();
            if (exp == null || !exp.toInstant().isAfter(clock.instant())) {
                throw Problem.unauthenticated("the access token has expired; log in again");
            }
            UUID userId = UUID.fromString(claims.getSubject());
            User user = users.find(userId).orElseThrow(() -> Problem.unauthenticated("the account of this token no longer exists"));
            return new Caller(user.id(), user.tenantId(), user.displayName(), user.role());
        } catch (JOSEException | ParseException | IllegalArgumentException | NullPointerException e) {
            throw Problem.unauthenticated("the access token is malformed");
        }
    }

    private static ECKey loadOrCreateKey(Jdbc jdbc) {
        return jdbc.one("select jwk from plenum.server_key where name = ?", rs -> rs.getString(1), KEY_NAME)
                .map(LocalTokens::parseKey)
                .orElseGet(() -> {
                    ECKey created;
                    try {
                        created = new ECKeyGenerator(Curve.P_256).keyID(SecureTokens.urlSafe(8)).generate();
                    } catch (JOSEException e) {
                        throw new IllegalStateException("cannot generate server signing key", e);
                    }
                    // another node may have raced us: whichever insert won is the key
                    jdbc.update("insert into plenum.server_key (name, jwk) values (?, ?) on conflict do nothing", KEY_NAME, created.toJSONString());
                    return jdbc.one("select jwk from plenum.server_key where name = ?", rs -> rs.getString(1), KEY_NAME)
                            .map(LocalTokens::parseKey).orElseThrow();
                });
    }

    private static ECKey parseKey(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored server signing key is corrupt", e);
        }
    }
}
