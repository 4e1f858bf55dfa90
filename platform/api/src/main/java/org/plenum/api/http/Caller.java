package org.plenum.api.http;

import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling a plugin's HTTP route, as the host established it: the bearer token verified
 * (local account or OIDC), mapped to a Plenum user, tenant and platform role. Plugins never see
 * the token itself.
 * {@snippet :
 * context.http().get("/my-receipts", request -> {
 *     Caller caller = request.requireCaller();
 *     List<String> receipts = store.receiptsOf(caller.tenantId(), caller.userId());
 *     return HttpResponse.ok(JsonObject.of("receipts", receipts));
 * });
 * }
 *
 * @param userId      the user
 * @param tenantId    the user's tenant; data the plugin returns must be this tenant's
 * @param displayName the user's name (personal data: not for INFO logs)
 * @param role        the user's platform role
 */
public record Caller(UUID userId, UUID tenantId, String displayName, CallerRole role) {

    /** All fields are required. */
    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
    }
}
