package org.plenum.core.auth.oidc;

import java.util.List;
import org.plenum.core.auth.TokenVerifier;
import org.plenum.core.config.Settings;
import org.plenum.core.tenant.TenantStore;
import org.plenum.core.user.UserStore;

/** Builds one verifier per configured OIDC issuer ({@code oidc.issuer.<name>.*}). */
public final class OidcVerifiers {

    private OidcVerifiers() {
    }

    public static List<TokenVerifier> fromSettings(Settings settings, TenantStore tenants, UserStore users) {
        return List.of();
    }
}
