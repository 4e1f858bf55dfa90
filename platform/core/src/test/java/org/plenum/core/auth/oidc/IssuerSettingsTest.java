package org.plenum.core.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenum.core.config.ConfigurationException;
import org.plenum.core.config.Settings;
import org.plenum.core.user.PlatformRole;

class IssuerSettingsTest {

    @Test
    void defaultsFollowKeycloakConventions() {
        IssuerSettings s = IssuerSettings.from(Settings.of(Map.of(
                "oidc.issuer.erfurt.url", "https://id.example/realms/erfurt",
                "oidc.issuer.erfurt.tenant", "erfurt")), "erfurt");
        assertThat(s.audience()).isEqualTo("plenum");
        assertThat(s.algorithms()).containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
        assertThat(s.groupsClaim()).isEqualTo("groups");
        assertThat(s.rolesClaim()).isEqualTo("realm_access.roles");
        assertThat(s.roleNames()).containsEntry(PlatformRole.PLATFORM_ADMIN, "plenum-platform-admin")
                .containsEntry(PlatformRole.TENANT_ADMIN, "plenum-tenant-admin").containsEntry(PlatformRole.MODERATOR, "plenum-moderator")
                .containsEntry(PlatformRole.MEMBER, "plenum-member").containsEntry(PlatformRole.GUEST, "plenum-guest");
        assertThat(s.defaultRole()).contains(PlatformRole.MEMBER);
        assertThat(s.jwksUrl()).isEmpty();
    }

    @Test
    void environmentVariablesConfigureIssuers() {
        Settings env = Settings.load(null, Map.of(
                "PLENUM_OIDC_ISSUERS", "land",
                "PLENUM_OIDC_ISSUER_LAND_URL", "https://id.example/realms/thueringen",
                "PLENUM_OIDC_ISSUER_LAND_GROUP_TENANTS", "/erfurt=erfurt,/jena=jena",
                "PLENUM_OIDC_ISSUER_LAND_ROLE_TENANTADMIN", "kommunal-admin",
                "PLENUM_OIDC_ISSUER_LAND_ROLE_DEFAULT", "none"));
        IssuerSettings s = OidcVerifiers.issuers(env).getFirst();
        assertThat(s.name()).isEqualTo("land");
        assertThat(s.tenantOfGroup("/jena")).contains("jena");
        assertThat(s.tenantOfGroup("/weimar")).isEmpty();
        assertThat(s.roleNames()).containsEntry(PlatformRole.TENANT_ADMIN, "kommunal-admin");
        assertThat(s.defaultRole()).isEmpty();
    }

    @Test
    void sharedSecretAndUnsignedAlgorithmsCannotBeConfigured() {
        for (String alg : Set.of("HS256", "none")) {
            assertThatThrownBy(() -> IssuerSettings.from(Settings.of(Map.of("oidc.issuer.a.url", "https://id.example/realms/a",
                    "oidc.issuer.a.tenant", "a", "oidc.issuer.a.algorithms", "RS256," + alg)), "a"))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("only public-key algorithms");
        }
    }

    @Test
    void anIssuerThatMapsNobodyToATenantIsAConfigurationError() {
        assertThatThrownBy(() -> IssuerSettings.from(Settings.of(Map.of("oidc.issuer.a.url", "https://id.example/realms/a")), "a"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("oidc.issuer.a.tenant");
    }

    @Test
    void aMissingUrlNamesTheKeyAndTheEnvironmentVariable() {
        assertThatThrownBy(() -> OidcVerifiers.issuers(Settings.of(Map.of("oidc.issuers", "erfurt"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("oidc.issuer.erfurt.url (PLENUM_OIDC_ISSUER_ERFURT_URL) is not set");
    }

    @Test
    void issuerNamesMustSurviveTheMappingToEnvironmentVariables() {
        assertThatThrownBy(() -> OidcVerifiers.issuers(Settings.of(Map.of("oidc.issuers", "bad_name"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("a-z and 0-9");
    }

    @Test
    void malformedGroupEntriesAreConfigurationErrors() {
        assertThatThrownBy(() -> IssuerSettings.from(Settings.of(Map.of("oidc.issuer.a.url", "https://id.example/realms/a",
                "oidc.issuer.a.group.tenants", "/erfurt")), "a"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("group=tenant-slug");
    }

    @Test
    void aKeySetUrlSkipsDiscovery() {
        IssuerSettings s = IssuerSettings.from(Settings.of(Map.of("oidc.issuer.a.url", "https://id.example/realms/a",
                "oidc.issuer.a.tenant", "a", "oidc.issuer.a.jwks.url", "http://keycloak:8080/realms/a/protocol/openid-connect/certs")), "a");
        assertThat(s.jwksUrl().map(Object::toString)).isEqualTo(Optional.of("http://keycloak:8080/realms/a/protocol/openid-connect/certs"));
    }
}
