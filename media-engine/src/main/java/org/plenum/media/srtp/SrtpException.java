package org.plenum.media.srtp;

import java.util.EnumMap;
import java.util.Map;

/**
 * A packet that could not be protected or unprotected. Dropping such packets is normal operation (a hostile
 * or confused peer can send any number of them), so the exception has no stack trace and one shared, immutable
 * instance exists per {@link SrtpFailure}: throwing it costs no allocation.
 */
public final class SrtpException extends Exception {
    private static final Map<SrtpFailure, SrtpException> BY_FAILURE = new EnumMap<>(SrtpFailure.class);

    static {
        for (SrtpFailure f : SrtpFailure.values()) {
            BY_FAILURE.put(f, new SrtpException(f));
        }
    }

    private final SrtpFailure failure;

    private SrtpException(SrtpFailure failure) {
        // no cause, no suppression, no stack trace: immutable, so one instance can be shared by all threads
        super("SRTP packet rejected: " + failure, null, false, false);
        this.failure = failure;
    }

    /** The shared exception for this failure. */
    public static SrtpException of(SrtpFailure failure) {
        return BY_FAILURE.get(failure);
    }

    /** Why the packet was rejected. */
    public SrtpFailure failure() {
        return failure;
    }
}
