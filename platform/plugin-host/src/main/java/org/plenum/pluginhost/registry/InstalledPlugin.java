package org.plenum.pluginhost.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.PluginId;
import org.plenum.api.SemVer;

/**
 * One row of the registry: an installed plugin, the jar it runs from and where it stands.
 *
 * @param loader       how its jar is loaded ({@code osgi}, {@code pf4j})
 * @param reason       why it is not running (failed, disabled, waiting), or empty
 * @param ownerTenant  the municipality a private plugin belongs to; empty for the state's catalogue
 * @param jarFile      the jar's file name in the plugins directory, {@code <id>-<version>.jar}
 * @param sha256       the jar's SHA-256, checked again whenever the jar is loaded
 * @param signers      subjects of the certificates that signed the jar (empty for an unsigned jar)
 * @param installedBy  the user who installed (or last updated) it, if known
 */
public record InstalledPlugin(PluginId id, SemVer version, String loader, PluginState state, Optional<String> reason,
                              Optional<UUID> ownerTenant, String jarFile, String sha256, List<String> signers,
                              Instant installedAt, Optional<UUID> installedBy, Instant updatedAt) {

    public InstalledPlugin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ownerTenant, "ownerTenant");
        Objects.requireNonNull(jarFile, "jarFile");
        Objects.requireNonNull(sha256, "sha256");
        signers = List.copyOf(signers);
        Objects.requireNonNull(installedBy, "installedBy");
    }

    public boolean isPrivate() {
        return ownerTenant.isPresent();
    }

    public InstalledPlugin withState(PluginState newState, String newReason) {
        return new InstalledPlugin(id, version, loader, newState, Optional.ofNullable(newReason), ownerTenant, jarFile, sha256, signers,
                installedAt, installedBy, Instant.now());
    }
}
