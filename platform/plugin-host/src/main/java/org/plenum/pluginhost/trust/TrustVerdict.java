package org.plenum.pluginhost.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/** What the signature check concluded about a plugin jar. */
public sealed interface TrustVerdict {

    /** Every entry is signed by a certificate that chains to the trust store. */
    record Trusted(List<X509Certificate> signers) implements TrustVerdict {
    }

    /** The jar must not be loaded; {@code reason} says why in words an admin can act on. */
    record Refused(Reason kind, String reason) implements TrustVerdict {
    }

    /** Why a jar was refused. Only {@link #UNSIGNED} may be overridden, and only in development mode. */
    enum Reason {
        /** At least one entry carries no signature at all. */
        UNSIGNED,
        /** An entry's content no longer matches its signed digest. */
        TAMPERED,
        /** Signed, but by a certificate that does not chain to a trusted anchor. */
        UNTRUSTED,
        /** Not a readable jar. */
        MALFORMED
    }

    default boolean trusted() {
        return this instanceof Trusted;
    }
}
