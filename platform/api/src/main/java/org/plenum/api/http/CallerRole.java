package org.plenum.api.http;

import java.util.Locale;

/**
 * What a caller may do across the platform, from most to least privileged (the core's platform
 * roles). Room moderation is per room and not a platform role: ask
 * {@link org.plenum.api.room.RoomDirectory#find} for {@code callerModerates}.
 * {@snippet :
 * if (!request.requireCaller().role().atLeast(CallerRole.TENANT_ADMIN)) {
 *     throw HttpProblemException.forbidden("only the municipality's administrators see all reports");
 * }
 * }
 */
public enum CallerRole {
    /** The state's operators. They administer tenants but do not see municipalities' meetings. */
    PLATFORM_ADMIN,
    /** A municipality's administrators: their own tenant. */
    TENANT_ADMIN,
    /** May moderate every room of their tenant. */
    MODERATOR,
    /** Staff of the tenant. */
    MEMBER,
    /** A known external account. */
    GUEST;

    /** Whether this role is {@code other} or more privileged. */
    public boolean atLeast(CallerRole other) {
        return ordinal() <= other.ordinal();
    }

    /** The wire name, for example {@code tenant_admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
