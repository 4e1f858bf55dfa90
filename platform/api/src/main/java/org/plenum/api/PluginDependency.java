package org.plenum.api;

import java.util.Objects;

/**
 * A plugin this plugin needs, with the versions it works with. The host starts dependencies first
 * and stops them last, refuses to start a plugin whose dependency is missing or out of range, and
 * lets a plugin use another's {@link org.plenum.api.service.ServiceRegistry services} and event
 * types only when it declares a dependency on it.
 * {@snippet :
 * PluginDependency quorum = PluginDependency.of("council-session", "[1.2,2.0)");
 * boolean ok = quorum.accepts(SemVer.parse("1.3.0"));   // true
 * }
 *
 * @param id       the other plugin
 * @param versions the versions of it that are accepted
 */
public record PluginDependency(PluginId id, VersionRange versions) {

    /** Both parts are required. */
    public PluginDependency {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(versions, "versions");
    }

    /**
     * Parses both parts.
     *
     * @throws IllegalArgumentException for a bad id or range
     */
    public static PluginDependency of(String id, String versions) {
        return new PluginDependency(PluginId.of(id), VersionRange.parse(versions));
    }

    /** Whether {@code version} of the other plugin satisfies this dependency. */
    public boolean accepts(SemVer version) {
        return versions.contains(version);
    }

    /** {@code id versions}, for example {@code council-session [1.2.0,2.0.0)}. */
    @Override
    public String toString() {
        return id + " " + versions;
    }
}
