package org.plenum.core.bootstrap;

import java.util.Optional;
import org.plenum.core.config.Settings;
import org.plenum.core.security.PasswordHasher;
import org.plenum.core.security.SecureTokens;
import org.plenum.core.tenant.Tenant;
import org.plenum.core.tenant.TenantStore;
import org.plenum.core.user.PlatformRole;
import org.plenum.core.user.UserStore;

/**
 * First start: creates the state (root) tenant and the local platform admin {@code admin}. The admin's
 * password comes from {@code admin.password} ({@code PLENUM_ADMIN_PASSWORD}) or is generated and shown once.
 */
public final class Bootstrap {

    /** What the first start created, so the server can tell the operator. */
    public record Outcome(Tenant root, boolean adminCreated, Optional<String> generatedAdminPassword) {
    }

    public static final String ADMIN_USERNAME = "admin";

    private Bootstrap() {
    }

    public static Outcome run(Settings settings, TenantStore tenants, UserStore users, PasswordHasher hasher) {
        Tenant root = tenants.root().orElseGet(() -> tenants.create(
                settings.get("tenant.root.slug", "state"), settings.get("tenant.root.name", "State administration"), null));
        Optional<String> configured = settings.find("admin.password");
        Optional<org.plenum.core.user.User> existing = users.findByUsername(ADMIN_USERNAME);
        if (existing.isPresent()) {
            // a lost admin password is recovered by setting a new one together with admin.password.reset=true
            if (configured.isPresent() && settings.getBoolean("admin.password.reset", false)) {
                users.setPasswordHash(existing.get().id(), hasher.hash(configured.get()));
            }
            return new Outcome(root, false, Optional.empty());
        }
        String password = configured.orElseGet(() -> SecureTokens.urlSafe(15));
        users.createLocal(root.id(), ADMIN_USERNAME, hasher.hash(password), "Administrator", PlatformRole.PLATFORM_ADMIN);
        return new Outcome(root, true, configured.isPresent() ? Optional.empty() : Optional.of(password));
    }
}
