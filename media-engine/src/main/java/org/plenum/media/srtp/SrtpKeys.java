package org.plenum.media.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * The two master keys of a DTLS-SRTP association: {@code local} protects what we send, {@code remote}
 * unprotects what we receive.
 */
public record SrtpKeys(SrtpMasterKey local, SrtpMasterKey remote) {

    public SrtpKeys {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    /**
     * Splits the DTLS exporter output ("EXTRACTOR-dtls_srtp", {@code 2 * (key + salt)} bytes) laid out as
     * {@code client_write_key | server_write_key | client_write_salt | server_write_salt} (RFC 5764 §4.2).
     *
     * @param weAreServer true when we were the DTLS server; the server sends with the server half
     * @throws IllegalArgumentException if the material has the wrong length for the profile
     */
    public static SrtpKeys fromDtlsExport(SrtpProfile profile, byte[] keyingMaterial, boolean weAreServer) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(keyingMaterial, "keyingMaterial");
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (keyingMaterial.length != 2 * (k + s)) {
            throw new IllegalArgumentException("DTLS-SRTP keying material for " + profile + " must be "
                    + 2 * (k + s) + " bytes, got " + keyingMaterial.length);
        }
        SrtpMasterKey client = new SrtpMasterKey(profile,
                Arrays.copyOfRange(keyingMaterial, 0, k),
                Arrays.copyOfRange(keyingMaterial, 2 * k, 2 * k + s));
        SrtpMasterKey server = new SrtpMasterKey(profile,
                Arrays.copyOfRange(keyingMaterial, k, 2 * k),
                Arrays.copyOfRange(keyingMaterial, 2 * k + s, 2 * k + 2 * s));
        return weAreServer ? new SrtpKeys(server, client) : new SrtpKeys(client, server);
    }
}
