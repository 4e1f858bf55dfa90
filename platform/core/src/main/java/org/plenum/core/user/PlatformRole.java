package org.plenum.core.user;

import java.util.Locale;

/** What a user may do across the platform, from most to least privileged. */
public enum PlatformRole {
    /** The state's operators: every tenant. */
    PLATFORM_ADMIN,
    /** A municipality's administrators: their own tenant. */
    TENANT_ADMIN,
    /** May moderate any room of their tenant. */
    MODERATOR,
    /** Staff: creates and joins rooms of their tenant. */
    MEMBER,
    /** Known but external; joins through invites only. */
    GUEST;

    /** The lower-case name used in the database, in JSON and in configuration. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a lower-case wire name; anything else (other case included) is not a role. */
    public static PlatformRole fromWireName(String s) {
        for (PlatformRole r : values()) {
            if (r.wireName().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("not a platform role: " + s);
    }

    public boolean atLeast(PlatformRole other) {
        return ordinal() <= other.ordinal();
    }
}
