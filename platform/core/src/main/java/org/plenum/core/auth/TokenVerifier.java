package org.plenum.core.auth;

import com.nimbusds.jwt.SignedJWT;
import org.plenum.core.access.Caller;

/** Verifies bearer tokens of one issuer and maps them to a {@link Caller}. */
public interface TokenVerifier {

    /** Whether tokens with this {@code iss} claim are this verifier's to judge. */
    boolean accepts(String issuer);

    /**
     * Checks signature, issuer, audience and lifetime, then maps the identity to a Plenum user.
     *
     * @throws org.plenum.core.error.Problem UNAUTHENTICATED with the reason when the token is refused
     */
    Caller verify(SignedJWT token);
}
