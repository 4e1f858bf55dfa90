package org.plenum.api.service;

import java.io.Serial;

/**
 * A required service is not available to the caller: nobody exports it, or its exporter is not a
 * declared dependency, or the exporter is not running. Thrown from {@code start} it keeps the
 * plugin from starting, and administrators see the message.
 * {@snippet :
 * try {
 *     quorum = context.services().require(QuorumProvider.class);
 * } catch (ServiceUnavailableException e) {
 *     quorum = QuorumProvider.everyonePresent();   // degrade rather than refuse to start
 * }
 * }
 */
public final class ServiceUnavailableException extends RuntimeException {

    /** Serialisation version. */
    @Serial
    private static final long serialVersionUID = 1L;

    /** With a message that names the service and what is missing. */
    public ServiceUnavailableException(String message) {
        super(message);
    }
}
