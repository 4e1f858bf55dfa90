package org.plenum.core.auth.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.plenum.core.error.Problem;
import org.plenum.core.tenant.Tenant;
import org.plenum.core.user.PlatformRole;

/**
 * Decides, from a verified token's claims, which tenant a person belongs to and which platform role they
 * hold. Tenant: the one group that maps to a tenant, otherwise the issuer's default tenant. Role: the
 * highest Plenum role among the token's roles, otherwise the issuer's default role.
 */
final class IdentityMapping {

    /** Who the token's bearer is in Plenum terms. */
    record Identity(Tenant tenant, PlatformRole role, String displayName) {
    }

    private static final int MAX_LISTED = 5;

    private final IssuerSettings issuer;
    private final Function<String, Optional<Tenant>> tenantsBySlug;

    IdentityMapping(IssuerSettings issuer, Function<String, Optional<Tenant>> tenantsBySlug) {
        this.issuer = issuer;
        this.tenantsBySlug = tenantsBySlug;
    }

    Identity map(JWTClaimsSet claims) {
        Tenant tenant = tenant(claims);
        PlatformRole role = role(claims);
        if (role == PlatformRole.PLATFORM_ADMIN && !tenant.isRoot()) {
            // a municipality that runs its own realm must not be able to make itself the state's admin
            throw Problem.unauthenticated("the role " + issuer.roleNames().get(role) + " counts only for users of the state tenant,"
                    + " but this token maps to tenant '" + tenant.slug() + "'");
        }
        return new Identity(tenant, role, displayName(claims));
    }

    private Tenant tenant(JWTClaimsSet claims) {
        List<String> groups = strings(claims, issuer.groupsClaim());
        Set<String> slugs = new TreeSet<>();
        for (String group : groups) {
            issuer.tenantOfGroup(group).ifPresent(slugs::add);
        }
        if (slugs.size() > 1) {
            throw Problem.unauthenticated("the token's groups map to several tenants (" + listed(slugs)
                    + "); a user must belong to exactly one municipality");
        }
        String slug = slugs.stream().findFirst().or(issuer::tenant).orElseThrow(() -> Problem.unauthenticated(groups.isEmpty()
                ? "the token has no groups (claim '" + issuer.groupsClaim() + "') and issuer '" + issuer.name()
                        + "' has no default tenant, so it maps to no tenant of this server"
                : "none of the token's groups (" + listed(groups) + ") maps to a tenant of this server"));
        return tenantsBySlug.apply(slug).orElseThrow(() -> Problem.unauthenticated(
                "the token maps to tenant '" + slug + "', which does not exist on this server; a platform admin must create it first"));
    }

    private PlatformRole role(JWTClaimsSet claims) {
        Set<String> roles = Set.copyOf(strings(claims, issuer.rolesClaim()));
        for (PlatformRole role : PlatformRole.values()) { // highest first
            if (roles.contains(issuer.roleNames().get(role))) {
                return role;
            }
        }
        return issuer.defaultRole().orElseThrow(() -> Problem.unauthenticated("the token carries none of the roles "
                + listed(issuer.roleNames().values()) + " (claim '" + issuer.rolesClaim() + "'); ask your administrator for one"));
    }

    private static String displayName(JWTClaimsSet claims) {
        for (String claim : List.of("name", "preferred_username")) {
            if (claims.getClaim(claim) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    /**
     * The strings at a dotted path such as {@code realm_access.roles}: a JSON array of strings, or a single
     * string; anything else counts as none.
     */
    static List<String> strings(JWTClaimsSet claims, String path) {
        Object node = claims.getClaims();
        for (String segment : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(segment);
        }
        List<String> out = new ArrayList<>();
        if (node instanceof String s) {
            out.add(s);
        } else if (node instanceof Collection<?> values) {
            values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
        }
        return out;
    }

    private static String listed(Collection<String> values) {
        String shown = values.stream().limit(MAX_LISTED).collect(Collectors.joining(", "));
        return values.size() > MAX_LISTED ? shown + ", …" : shown;
    }
}
