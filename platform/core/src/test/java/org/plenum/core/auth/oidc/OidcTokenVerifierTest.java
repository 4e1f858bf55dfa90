package org.plenum.core.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.core.access.Caller;
import org.plenum.core.auth.Authenticator;
import org.plenum.core.config.Settings;
import org.plenum.core.error.Problem;
import org.plenum.core.storage.Database;
import org.plenum.core.storage.DatabaseConfig;
import org.plenum.core.storage.Jdbc;
import org.plenum.core.tenant.Tenant;
import org.plenum.core.tenant.TenantStore;
import org.plenum.core.user.PlatformRole;
import org.plenum.core.user.User;
import org.plenum.core.user.UserStore;

/** Bearer tokens of a configured issuer, checked against its published keys and mapped to Plenum users. */
class OidcTokenVerifierTest {

    @TempDir
    static Path dataDir;
    static Database db;
    static TenantStore tenants;
    static UserStore users;
    static Tenant erfurt;
    static Tenant jena;
    static TestIssuer keycloak;
    static TestIssuer elsewhere;
    static Authenticator authenticator;

    @BeforeAll
    static void start() {
        db = Database.start(new DatabaseConfig("", "postgres", "", dataDir, 0, 2));
        Jdbc jdbc = new Jdbc(db.dataSource());
        tenants = new TenantStore(jdbc);
        users = new UserStore(jdbc);
        Tenant state = tenants.create("thueringen", "Freistaat Thüringen", null);
        erfurt = tenants.create("erfurt", "Stadt Erfurt", state.id());
        jena = tenants.create("jena", "Stadt Jena", state.id());
        keycloak = new TestIssuer("thueringen");
        elsewhere = new TestIssuer("elsewhere");
        authenticator = new Authenticator(List.copyOf(OidcVerifiers.fromSettings(Settings.of(Map.of(
                "oidc.issuers", "land",
                "oidc.issuer.land.url", keycloak.url(),
                "oidc.issuer.land.tenant", "erfurt",
                "oidc.issuer.land.group.tenants", "/jena=jena",
                "oidc.clock.skew", "10s")), tenants, users, Clock.systemUTC())));
    }

    @AfterAll
    static void stop() {
        keycloak.close();
        elsewhere.close();
        db.close();
    }

    static Caller authenticate(String token) {
        return authenticator.authenticate("Bearer " + token);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String token) {
        return assertThatThrownBy(() -> authenticate(token)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.kind()).isEqualTo(Problem.Kind.UNAUTHENTICATED));
    }

    @Test
    void aValidTokenMakesTheBearerAUserOfTheirTenant() {
        Caller c = authenticate(keycloak.token(b -> b.subject("sub-erika")));
        assertThat(c.tenantId()).isEqualTo(erfurt.id());
        assertThat(c.role()).isEqualTo(PlatformRole.MEMBER);
        assertThat(c.displayName()).isEqualTo("Erika Mustermann");
        User stored = users.find(c.userId()).orElseThrow();
        assertThat(stored.issuer()).isEqualTo(keycloak.url());
        assertThat(stored.subject()).isEqualTo("sub-erika");
        assertThat(authenticate(keycloak.token(b -> b.subject("sub-erika"))).userId()).as("same person, same user").isEqualTo(c.userId());
    }

    @Test
    void es256TokensAreAcceptedToo() {
        assertThat(authenticate(keycloak.sign(keycloak.ec, JWSAlgorithm.ES256, b -> { })).tenantId()).isEqualTo(erfurt.id());
    }

    @Test
    void aGroupMapsTheBearerToItsMunicipality() {
        assertThat(authenticate(keycloak.token(b -> b.claim("groups", List.of("/jena")))).tenantId()).isEqualTo(jena.id());
    }

    @Test
    void aRoleChangeInTheIdentityProviderCountsAtTheNextRequest() {
        Caller before = authenticate(keycloak.token(b -> b.subject("sub-max")));
        Caller after = authenticate(keycloak.token(b -> b.subject("sub-max")
                .claim("realm_access", Map.of("roles", List.of("plenum-moderator")))));
        assertThat(after.userId()).isEqualTo(before.userId());
        assertThat(after.role()).isEqualTo(PlatformRole.MODERATOR);
        assertThat(users.find(after.userId()).orElseThrow().role()).isEqualTo(PlatformRole.MODERATOR);
    }

    @Test
    void aTokenSignedWithAnotherKeyOfTheSameIdIsRefused() throws JOSEException {
        RSAKey forged = new RSAKeyGenerator(2048).keyID(keycloak.rsa.getKeyID()).generate();
        assertRefused(keycloak.sign(forged, JWSAlgorithm.RS256, b -> { }))
                .hasMessage("the token's signature does not match the keys published by its issuer");
    }

    @Test
    void aTokenWithTheSignatureOfAnotherTokenIsRefused() {
        String[] real = keycloak.token(b -> { }).split("\\.");
        String[] other = keycloak.token(b -> b.claim("realm_access", Map.of("roles", List.of("plenum-tenant-admin")))).split("\\.");
        assertRefused(real[0] + "." + other[1] + "." + real[2]).hasMessageContaining("signature does not match");
    }

    @Test
    void aTokenOfAnUnconfiguredIssuerIsRefused() {
        assertRefused(elsewhere.token(b -> { })).hasMessage("tokens from issuer " + elsewhere.url() + " are not trusted by this server");
    }

    @Test
    void theIssuerMustMatchExactly() {
        assertRefused(keycloak.token(b -> b.issuer(keycloak.url() + "/"))).hasMessageContaining("are not trusted by this server");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(keycloak.token(b -> b.audience("account")))
                .hasMessageStartingWith("the token is not meant for this server (audience account, expected 'plenum')");
        assertRefused(keycloak.token(b -> b.audience((String) null)))
                .hasMessageStartingWith("the token is not meant for this server (no audience, expected 'plenum')");
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(keycloak.token(b -> b.expirationTime(Date.from(Instant.now().minusSeconds(11)))))
                .hasMessageStartingWith("the token has expired");
    }

    @Test
    void aTokenJustExpiredIsAcceptedWithinTheClockSkew() {
        assertThat(authenticate(keycloak.token(b -> b.expirationTime(Date.from(Instant.now().minusSeconds(3)))))).isNotNull();
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertRefused(keycloak.token(b -> b.expirationTime(null))).hasMessageContaining("no expiry time (exp)");
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        assertRefused(keycloak.token(b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(60)))))
                .hasMessageStartingWith("the token is not valid before");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().issuer(keycloak.url()).subject("x").audience("plenum")
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).build()).serialize();
        assertRefused(unsigned).hasMessageContaining("unsigned (alg none)");
        String[] parts = keycloak.token(b -> { }).split("\\.");
        String noneHeader = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"rsa-1\"}").toString();
        assertRefused(noneHeader + "." + parts[1] + ".").hasMessageContaining("unsigned (alg none)");
    }

    @Test
    void aTokenSignedWithASharedSecretIsRefused() throws Exception {
        // the classic confusion: HMAC keyed with the issuer's public key, which anyone can download
        JWTClaimsSet claims = SignedJWT.parse(keycloak.token(b -> { })).getJWTClaimsSet();
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims);
        hs.sign(new MACSigner(keycloak.rsa.toPublicKey().getEncoded()));
        assertRefused(hs.serialize()).hasMessage("the token is signed with HS256, but tokens of issuer 'land' must be signed with ES256 or RS256");
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        assertRefused(keycloak.token(b -> b.claim("typ", "ID"))).hasMessageContaining("of type 'ID', not an access token");
    }

    @Test
    void aTokenWhoseGroupMapsToNoTenantIsRefused() {
        // a state realm without a default tenant: only the municipality groups place users
        TestIssuer stateRealm = new TestIssuer("land2");
        try {
            Authenticator groupsOnly = new Authenticator(List.copyOf(OidcVerifiers.fromSettings(Settings.of(Map.of(
                    "oidc.issuers", "land2",
                    "oidc.issuer.land2.url", stateRealm.url(),
                    "oidc.issuer.land2.group.tenants", "/jena=jena,/gotha=gotha")), tenants, users, Clock.systemUTC())));
            assertThatThrownBy(() -> groupsOnly.authenticate("Bearer " + stateRealm.token(b -> b.claim("groups", List.of("/weimar")))))
                    .hasMessage("none of the token's groups (/weimar) maps to a tenant of this server");
            assertThatThrownBy(() -> groupsOnly.authenticate("Bearer " + stateRealm.token(b -> b.claim("groups", List.of("/gotha")))))
                    .hasMessageContaining("tenant 'gotha', which does not exist on this server");
        } finally {
            stateRealm.close();
        }
    }

    @Test
    void keysRotatedByTheIssuerAreFetchedWhenATokenNamesThem() throws JOSEException {
        try (TestIssuer rotating = new TestIssuer("rotating")) {
            Authenticator auth = authenticatorFor(rotating);
            auth.authenticate("Bearer " + rotating.token(b -> { }));
            RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
            rotating.publish(next);
            assertThat(auth.authenticate("Bearer " + rotating.sign(next, JWSAlgorithm.RS256, b -> { })).tenantId()).isEqualTo(erfurt.id());
            assertThat(rotating.jwksRequests).hasValue(2);
        }
    }

    @Test
    void aKeyTheIssuerDoesNotPublishIsRefusedAndDoesNotHammerTheIssuer() throws JOSEException {
        try (TestIssuer issuer = new TestIssuer("strict")) {
            Authenticator auth = authenticatorFor(issuer);
            RSAKey unknown = new RSAKeyGenerator(2048).keyID("not-published").generate();
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> auth.authenticate("Bearer " + issuer.sign(unknown, JWSAlgorithm.RS256, b -> { })))
                        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.UNAUTHENTICATED))
                        .hasMessage("the token is signed with a key (kid not-published) that its issuer does not publish");
            }
            assertThat(issuer.jwksRequests.get()).as("key set reloads are rate-limited").isLessThanOrEqualTo(2);
        }
    }

    /** A fresh verifier for {@code issuer}, with its own key cache and rate limit. */
    static Authenticator authenticatorFor(TestIssuer issuer) {
        return new Authenticator(List.copyOf(OidcVerifiers.fromSettings(Settings.of(Map.of("oidc.issuers", "x",
                "oidc.issuer.x.url", issuer.url(), "oidc.issuer.x.tenant", "erfurt")), tenants, users, Clock.systemUTC())));
    }

    @Test
    void theServerStartsWhileTheIdentityProviderIsDownAndVerifiesOnceItIsUp() {
        try (TestIssuer late = new TestIssuer("late")) {
            late.down.set(true);
            IssuerSettings settings = IssuerSettings.from(Settings.of(Map.of("oidc.issuer.late.url", late.url(),
                    "oidc.issuer.late.tenant", "erfurt")), "late");
            IssuerKeys keys = new IssuerKeys(settings, new DefaultResourceRetriever(2000, 2000), Duration.ZERO, Clock.systemUTC());
            OidcTokenVerifier verifier = new OidcTokenVerifier(settings, keys, tenants::findBySlug, new KnownIdentities(users, Clock.systemUTC()),
                    Duration.ZERO, Clock.systemUTC());
            Authenticator auth = new Authenticator(List.of(verifier));
            assertThat(late.discoveryRequests).as("nothing is fetched before the first token").hasValue(0);

            assertThatThrownBy(() -> auth.authenticate("Bearer " + late.token(b -> { })))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.UNAVAILABLE))
                    .hasMessageContaining("cannot be fetched right now");

            late.down.set(false);
            assertThat(auth.authenticate("Bearer " + late.token(b -> { })).tenantId()).isEqualTo(erfurt.id());
            assertThat(late.discoveryRequests).hasValue(2);
        }
    }
}
