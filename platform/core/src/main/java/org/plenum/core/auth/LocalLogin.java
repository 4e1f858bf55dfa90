package org.plenum.core.auth;

import java.util.Optional;
import org.plenum.core.error.Problem;
import org.plenum.core.security.PasswordHasher;
import org.plenum.core.user.User;
import org.plenum.core.user.UserStore;

/** Username and password login for local accounts (the embedded default), throttled. */
public final class LocalLogin {

    /** Answer a wrong username as slowly as a wrong password, so the timing tells nothing. */
    private final String dummyHash;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final LocalTokens tokens;
    private final LoginThrottle throttle;

    public LocalLogin(UserStore users, PasswordHasher hasher, LocalTokens tokens, LoginThrottle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.dummyHash = hasher.hash("not-a-real-password");
    }

    /** The result of a successful login. */
    public record Session(String accessToken, long expiresInSeconds, User user) {
    }

    public Session login(String username, String password, String clientAddress) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw Problem.invalid("username and password are required");
        }
        if (username.length() > 100 || password.length() > 1024) {
            throw Problem.invalid("username or password is too long");
        }
        long wait = throttle.retryAfterSeconds(username, clientAddress);
        if (wait > 0) {
            throw Problem.rateLimited("too many failed logins; try again in " + wait + " s", wait);
        }
        Optional<User> user = users.findByUsername(username);
        String hash = user.flatMap(u -> users.passwordHash(u.id())).orElse(dummyHash);
        boolean ok = hasher.verify(password, hash) && user.isPresent() && !hash.equals(dummyHash);
        if (!ok) {
            throttle.recordFailure(username, clientAddress);
            throw Problem.unauthenticated("wrong username or password");
        }
        throttle.recordSuccess(username);
        return new Session(tokens.issue(user.get()), tokens.lifetime().toSeconds(), user.get());
    }
}
