package org.plenum.core.auth.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.core.user.User;
import org.plenum.core.user.UserStore;

/**
 * Records OIDC identities in the user table, but writes only when the token says something new (or a
 * while has passed), so that an ordinary request with a bearer token costs no database write.
 */
final class KnownIdentities {

    private static final int MAX_ENTRIES = 20_000;
    private static final Duration RECHECK_AFTER = Duration.ofMinutes(5);

    private record Key(String issuer, String subject) {
    }

    private record Seen(IdentityMapping.Identity identity, User user, Instant at) {
    }

    private final UserStore users;
    private final Clock clock;
    private final Map<Key, Seen> seen = new ConcurrentHashMap<>();

    KnownIdentities(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    User record(String issuer, String subject, IdentityMapping.Identity identity) {
        Key key = new Key(issuer, subject);
        Instant now = clock.instant();
        Seen last = seen.get(key);
        if (last != null && last.identity().equals(identity) && now.isBefore(last.at().plus(RECHECK_AFTER))) {
            return last.user();
        }
        User user = users.upsertExternal(issuer, subject, identity.tenant().id(), identity.displayName(), identity.role());
        if (seen.size() >= MAX_ENTRIES) {
            seen.clear(); // crude but bounded: each user's next request writes once more
        }
        seen.put(key, new Seen(identity, user, now));
        return user;
    }
}
