package org.plenum.core.auth.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.plenum.core.config.ConfigurationException;
import org.plenum.core.config.Settings;
import org.plenum.core.user.PlatformRole;

/**
 * One trusted OIDC issuer, from the keys {@code oidc.issuer.<name>.*}: where its keys are, which audience
 * its tokens must name, and how their claims map to a tenant and a platform role. Every key is documented
 * in {@code docs/operations.md}, section "Identity (OIDC)".
 *
 * @param name          the short name used in the keys ({@code erfurt} in {@code oidc.issuer.erfurt.url})
 * @param issuer        the exact {@code iss} of the tokens, e.g. {@code https://id.example/realms/erfurt}
 * @param jwksUrl       where the keys are; empty means: ask the issuer's discovery document
 * @param tenant        slug of the tenant for users that no group maps elsewhere (one realm per municipality)
 * @param groupTenants  group name (without leading {@code /}) to tenant slug (one realm, a group per municipality)
 * @param groupPrefix   groups {@code <prefix><slug>} map to the tenant {@code <slug>}; empty when unused
 * @param roleNames     the issuer's role name for each platform role
 * @param defaultRole   the role of a user who has none of {@code roleNames}; empty means such users are refused
 */
public record IssuerSettings(String name, String issuer, Optional<URI> jwksUrl, String audience, Set<JWSAlgorithm> algorithms,
                             Optional<String> tenant, String groupsClaim, Map<String, String> groupTenants,
                             Optional<String> groupPrefix, String rolesClaim, Map<PlatformRole, String> roleNames,
                             Optional<PlatformRole> defaultRole) {

    public static final String DEFAULT_AUDIENCE = "plenum";
    public static final String DEFAULT_ALGORITHMS = "RS256,ES256";
    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    public static final String DEFAULT_ROLES_CLAIM = "realm_access.roles";
    public static final String DEFAULT_ROLE = "member";

    /** Only signatures checked with a published public key: never {@code none}, never a shared secret (HS*). */
    private static final Set<JWSAlgorithm.Family> ASYMMETRIC = Set.of(JWSAlgorithm.Family.RSA, JWSAlgorithm.Family.EC);

    public IssuerSettings {
        algorithms = Set.copyOf(algorithms);
        groupTenants = Map.copyOf(groupTenants);
        roleNames = Collections.unmodifiableMap(new EnumMap<>(roleNames)); // keeps the order of PlatformRole
    }

    public static IssuerSettings from(Settings settings, String name) {
        if (!name.matches("[a-z0-9]{1,40}")) {
            throw new ConfigurationException("oidc.issuers names '" + name + "', but issuer names must be 1-40 characters of a-z and 0-9"
                    + " (they become parts of configuration keys and environment variable names)");
        }
        String p = "oidc.issuer." + name + ".";
        String issuer = settings.find(p + "url").orElseThrow(() -> new ConfigurationException(
                "oidc.issuers names '" + name + "', but " + p + "url (" + Settings.envNameOf(p + "url") + ") is not set;"
                        + " set it to the issuer of the tokens, e.g. https://id.example/realms/" + name));
        httpUrl(p + "url", issuer);
        Optional<URI> jwks = settings.find(p + "jwks.url").map(u -> httpUrl(p + "jwks.url", u));
        Optional<String> tenant = settings.find(p + "tenant").map(String::strip);
        Map<String, String> groupTenants = groupTenants(p + "group.tenants", settings.get(p + "group.tenants", ""));
        Optional<String> prefix = settings.find(p + "group.prefix").map(IssuerSettings::withoutLeadingSlash);
        if (tenant.isEmpty() && groupTenants.isEmpty() && prefix.isEmpty()) {
            throw new ConfigurationException("issuer '" + name + "' maps no user to a tenant: set " + p + "tenant (one realm per"
                    + " municipality) or " + p + "group.tenants / " + p + "group.prefix (one realm, a group per municipality)");
        }
        Map<PlatformRole, String> roleNames = new EnumMap<>(PlatformRole.class);
        for (PlatformRole role : PlatformRole.values()) {
            roleNames.put(role, settings.get(p + roleKey(role), defaultRoleName(role)).strip());
        }
        return new IssuerSettings(name, issuer.strip(), jwks, settings.get(p + "audience", DEFAULT_AUDIENCE).strip(),
                algorithms(p + "algorithms", settings.get(p + "algorithms", DEFAULT_ALGORITHMS)), tenant,
                settings.get(p + "groups.claim", DEFAULT_GROUPS_CLAIM).strip(), groupTenants, prefix,
                settings.get(p + "roles.claim", DEFAULT_ROLES_CLAIM).strip(), roleNames,
                defaultRole(p + "role.default", settings.get(p + "role.default", DEFAULT_ROLE)));
    }

    /** {@code role.platformadmin}, {@code role.tenantadmin}, …: keys carry no underscores, see {@link Settings}. */
    public static String roleKey(PlatformRole role) {
        return "role." + role.wireName().replace("_", "");
    }

    /** {@code plenum-platform-admin}, {@code plenum-tenant-admin}, {@code plenum-moderator}, … */
    public static String defaultRoleName(PlatformRole role) {
        return "plenum-" + role.wireName().replace('_', '-');
    }

    /** The tenant slug a group maps to, by the explicit list first, then by the prefix. */
    public Optional<String> tenantOfGroup(String group) {
        String g = withoutLeadingSlash(group);
        String explicit = groupTenants.get(g);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        return groupPrefix.filter(prefix -> g.startsWith(prefix) && g.length() > prefix.length())
                .map(prefix -> g.substring(prefix.length()));
    }

    private static Map<String, String> groupTenants(String key, String value) {
        Map<String, String> out = new TreeMap<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new ConfigurationException(key + " (" + Settings.envNameOf(key) + ") has the entry '" + entry.strip()
                        + "', but entries must look like group=tenant-slug, e.g. /erfurt=erfurt,/jena=jena");
            }
            out.put(withoutLeadingSlash(entry.substring(0, eq).strip()), entry.substring(eq + 1).strip());
        }
        return out;
    }

    private static Set<JWSAlgorithm> algorithms(String key, String value) {
        Set<JWSAlgorithm> out = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            JWSAlgorithm alg = JWSAlgorithm.parse(name.strip().toUpperCase(Locale.ROOT));
            if (ASYMMETRIC.stream().noneMatch(f -> f.contains(alg))) {
                throw new ConfigurationException(key + " (" + Settings.envNameOf(key) + ") names " + name.strip()
                        + ", but only public-key algorithms are accepted: "
                        + ASYMMETRIC.stream().flatMap(Set::stream).map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", ")));
            }
            out.add(alg);
        }
        if (out.isEmpty()) {
            throw new ConfigurationException(key + " (" + Settings.envNameOf(key) + ") must name at least one algorithm, e.g. " + DEFAULT_ALGORITHMS);
        }
        return out;
    }

    private static Optional<PlatformRole> defaultRole(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "member" -> Optional.of(PlatformRole.MEMBER);
            case "guest" -> Optional.of(PlatformRole.GUEST);
            case "none" -> Optional.empty();
            default -> throw new ConfigurationException(key + " (" + Settings.envNameOf(key) + ") is '" + value
                    + "' but must be member, guest or none");
        };
    }

    private static URI httpUrl(String key, String value) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getHost() != null && Arrays.asList("http", "https").contains(uri.getScheme())) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigurationException(key + " (" + Settings.envNameOf(key) + ") is '" + value + "' but must be an http(s) URL");
    }

    static String withoutLeadingSlash(String group) {
        return group.startsWith("/") ? group.substring(1) : group;
    }
}
