package org.plenum.media.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * A master key and master salt for one direction, from which {@link SrtpContext} derives its session keys.
 * The arrays are copied in and out; {@link #toString()} does not reveal them.
 */
public record SrtpMasterKey(SrtpProfile profile, byte[] key, byte[] salt) {

    public SrtpMasterKey {
        Objects.requireNonNull(profile, "profile");
        if (key == null || key.length != profile.keyLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.keyLength() + "-byte master key");
        }
        if (salt == null || salt.length != profile.saltLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.saltLength() + "-byte master salt");
        }
        key = key.clone();
        salt = salt.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpMasterKey other
                && profile == other.profile
                && Arrays.equals(key, other.key)
                && Arrays.equals(salt, other.salt);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * profile.hashCode() + Arrays.hashCode(key)) + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[" + profile + ", key and salt redacted]";
    }
}
