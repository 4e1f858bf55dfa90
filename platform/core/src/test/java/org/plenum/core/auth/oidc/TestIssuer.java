package org.plenum.core.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in identity provider on 127.0.0.1: a discovery document and a JWKS at Keycloak's paths, keys
 * generated for the test, and tokens shaped like Keycloak's access tokens.
 */
final class TestIssuer implements AutoCloseable {

    final RSAKey rsa;
    final ECKey ec;
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private final HttpServer http;
    private final String realm;
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger discoveryRequests = new AtomicInteger();
    final AtomicInteger jwksRequests = new AtomicInteger();

    TestIssuer(String realm) {
        this.realm = realm;
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            published.add(rsa.toPublicJWK());
            published.add(ec.toPublicJWK());
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        http.createContext("/realms/" + realm + "/.well-known/openid-configuration", ex -> {
            discoveryRequests.incrementAndGet();
            reply(ex, "{\"issuer\":\"" + url() + "\",\"jwks_uri\":\"" + url() + "/protocol/openid-connect/certs\"}");
        });
        http.createContext("/realms/" + realm + "/protocol/openid-connect/certs", ex -> {
            jwksRequests.incrementAndGet();
            reply(ex, new JWKSet(published).toString(true));
        });
        http.start();
    }

    /** The issuer URL, as Keycloak names a realm. */
    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/realms/" + realm;
    }

    /** Publishes another key, as Keycloak does when a realm's keys are rotated. */
    void publish(JWK key) {
        published.add(key.toPublicJWK());
    }

    /** An access token as Keycloak issues it, valid for five minutes; {@code claims} may change anything. */
    String token(Consumer<JWTClaimsSet.Builder> claims) {
        return sign(rsa, JWSAlgorithm.RS256, claims);
    }

    String sign(JWK key, JWSAlgorithm alg, Consumer<JWTClaimsSet.Builder> claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(url())
                .subject(UUID.randomUUID().toString())
                .audience(List.of("plenum", "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("typ", "Bearer")
                .claim("azp", "plenum")
                .claim("preferred_username", "erika")
                .claim("name", "Erika Mustermann")
                .claim("realm_access", Map.of("roles", List.of("offline_access", "plenum-member")));
        claims.accept(b);
        try {
            JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), b.build());
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void reply(HttpExchange ex, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        if (down.get()) {
            ex.sendResponseHeaders(503, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (var out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
