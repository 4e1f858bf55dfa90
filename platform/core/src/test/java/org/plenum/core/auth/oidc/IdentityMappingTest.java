package org.plenum.core.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.plenum.core.config.Settings;
import org.plenum.core.error.Problem;
import org.plenum.core.tenant.Tenant;
import org.plenum.core.user.PlatformRole;

class IdentityMappingTest {

    static final Tenant STATE = new Tenant(UUID.randomUUID(), "thueringen", "Freistaat Thüringen", null, Instant.now());
    static final Tenant ERFURT = new Tenant(UUID.randomUUID(), "erfurt", "Stadt Erfurt", STATE.id(), Instant.now());
    static final Tenant JENA = new Tenant(UUID.randomUUID(), "jena", "Stadt Jena", STATE.id(), Instant.now());
    static final Map<String, Tenant> TENANTS = Map.of("thueringen", STATE, "erfurt", ERFURT, "jena", JENA);

    /** One realm per municipality: every user of the realm belongs to its tenant. */
    static IdentityMapping realmOf(String slug, String... more) {
        return mapping("erfurt", Map.of("oidc.issuer.erfurt.tenant", slug), more);
    }

    /** One realm for the state with a group per municipality. */
    static IdentityMapping stateRealm(String... more) {
        return mapping("land", Map.of("oidc.issuer.land.group.tenants", "/kommunen/erfurt=erfurt, /kommunen/jena=jena"), more);
    }

    static IdentityMapping mapping(String name, Map<String, String> keys, String... more) {
        Map<String, String> s = new HashMap<>(keys);
        s.put("oidc.issuer." + name + ".url", "https://id.example/realms/" + name);
        for (int i = 0; i < more.length; i += 2) {
            s.put(more[i], more[i + 1]);
        }
        return new IdentityMapping(IssuerSettings.from(Settings.of(s), name), slug -> Optional.ofNullable(TENANTS.get(slug)));
    }

    static JWTClaimsSet claims(List<String> roles, List<String> groups) {
        return new JWTClaimsSet.Builder().subject("f3c1").claim("name", "Erika Mustermann").claim("preferred_username", "erika")
                .claim("realm_access", Map.of("roles", roles)).claim("groups", groups).build();
    }

    @Test
    void usersOfAMunicipalityRealmBelongToItsTenant() {
        IdentityMapping.Identity id = realmOf("erfurt").map(claims(List.of("plenum-member"), List.of()));
        assertThat(id.tenant()).isEqualTo(ERFURT);
        assertThat(id.role()).isEqualTo(PlatformRole.MEMBER);
        assertThat(id.displayName()).isEqualTo("Erika Mustermann");
    }

    @Test
    void inTheStateRealmTheGroupNamesTheMunicipality() {
        assertThat(stateRealm().map(claims(List.of("plenum-moderator"), List.of("/kommunen/jena"))).tenant()).isEqualTo(JENA);
    }

    @Test
    void groupsMatchWithOrWithoutTheLeadingSlash() {
        assertThat(stateRealm().map(claims(List.of(), List.of("kommunen/erfurt"))).tenant()).isEqualTo(ERFURT);
    }

    @Test
    void aGroupPrefixMapsEachGroupToTheTenantOfTheSameSlug() {
        IdentityMapping m = mapping("land", Map.of("oidc.issuer.land.group.prefix", "/kommunen/"));
        assertThat(m.map(claims(List.of(), List.of("/kommunen/jena"))).tenant()).isEqualTo(JENA);
        assertThat(m.map(claims(List.of(), List.of("/kommunen/erfurt", "/sport"))).tenant()).isEqualTo(ERFURT);
    }

    @Test
    void aMunicipalityGroupOverridesTheIssuersDefaultTenant() {
        IdentityMapping m = stateRealm("oidc.issuer.land.tenant", "thueringen");
        assertThat(m.map(claims(List.of(), List.of("/kommunen/jena"))).tenant()).isEqualTo(JENA);
        assertThat(m.map(claims(List.of(), List.of("/landesamt"))).tenant()).isEqualTo(STATE);
    }

    @Test
    void membersOfSeveralMunicipalitiesAreRefused() {
        assertThatThrownBy(() -> stateRealm().map(claims(List.of(), List.of("/kommunen/erfurt", "/kommunen/jena"))))
                .isInstanceOf(Problem.class).hasMessageContaining("several tenants (erfurt, jena)");
    }

    @Test
    void aGroupThatMapsToNoTenantIsRefused() {
        assertThatThrownBy(() -> stateRealm().map(claims(List.of("plenum-member"), List.of("/kommunen/weimar"))))
                .isInstanceOf(Problem.class)
                .satisfies(p -> assertThat(((Problem) p).kind()).isEqualTo(Problem.Kind.UNAUTHENTICATED))
                .hasMessage("none of the token's groups (/kommunen/weimar) maps to a tenant of this server");
    }

    @Test
    void noGroupsAndNoDefaultTenantIsRefused() {
        assertThatThrownBy(() -> stateRealm().map(claims(List.of("plenum-member"), List.of())))
                .isInstanceOf(Problem.class).hasMessageContaining("has no groups (claim 'groups')");
    }

    @Test
    void aTenantThatDoesNotExistOnThisServerIsRefused() {
        assertThatThrownBy(() -> realmOf("gotha").map(claims(List.of("plenum-member"), List.of())))
                .isInstanceOf(Problem.class).hasMessageContaining("tenant 'gotha', which does not exist on this server");
    }

    @Test
    void theHighestPlenumRoleWins() {
        IdentityMapping m = realmOf("erfurt");
        assertThat(m.map(claims(List.of("plenum-member", "plenum-tenant-admin", "plenum-moderator"), List.of())).role())
                .isEqualTo(PlatformRole.TENANT_ADMIN);
        assertThat(m.map(claims(List.of("offline_access", "plenum-guest"), List.of())).role()).isEqualTo(PlatformRole.GUEST);
    }

    @Test
    void roleNamesAndTheirClaimAreConfigurable() {
        IdentityMapping m = realmOf("erfurt", "oidc.issuer.erfurt.roles.claim", "resource_access.plenum.roles",
                "oidc.issuer.erfurt.role.moderator", "Sitzungsleitung");
        JWTClaimsSet c = new JWTClaimsSet.Builder().subject("s")
                .claim("resource_access", Map.of("plenum", Map.of("roles", List.of("Sitzungsleitung")))).build();
        assertThat(m.map(c).role()).isEqualTo(PlatformRole.MODERATOR);
    }

    @Test
    void withoutAPlenumRoleAUserIsAMemberByDefault() {
        assertThat(realmOf("erfurt").map(claims(List.of("offline_access"), List.of())).role()).isEqualTo(PlatformRole.MEMBER);
    }

    @Test
    void withDefaultRoleNoneAUserWithoutAPlenumRoleIsRefused() {
        IdentityMapping m = realmOf("erfurt", "oidc.issuer.erfurt.role.default", "none");
        assertThatThrownBy(() -> m.map(claims(List.of("offline_access"), List.of())))
                .isInstanceOf(Problem.class)
                .hasMessageContaining("none of the roles plenum-platform-admin, plenum-tenant-admin, plenum-moderator, plenum-member, plenum-guest");
    }

    @Test
    void thePlatformAdminRoleCountsOnlyInTheStateTenant() {
        assertThat(realmOf("thueringen").map(claims(List.of("plenum-platform-admin"), List.of())).role())
                .isEqualTo(PlatformRole.PLATFORM_ADMIN);
        assertThatThrownBy(() -> realmOf("erfurt").map(claims(List.of("plenum-platform-admin"), List.of())))
                .isInstanceOf(Problem.class).hasMessageContaining("counts only for users of the state tenant");
    }

    @Test
    void withoutANameThePreferredUsernameIsShown() {
        JWTClaimsSet c = new JWTClaimsSet.Builder().subject("s").claim("preferred_username", "erika").build();
        assertThat(realmOf("erfurt").map(c).displayName()).isEqualTo("erika");
    }
}
