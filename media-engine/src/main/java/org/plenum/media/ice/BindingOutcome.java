package org.plenum.media.ice;

import java.net.InetSocketAddress;

/**
 * What {@link IceLiteAgent#onBindingRequest} decided about one incoming STUN packet.
 *
 * <pre>{@code
 * switch (agent.onBindingRequest(buf, off, len, from, System.nanoTime())) {
 *     case BindingOutcome.Respond r -> send(r.response(), r.from());
 *     case BindingOutcome.Reject r when r.errorResponse() != null -> send(r.errorResponse(), from);
 *     case BindingOutcome.Reject r -> metrics.dropped(r.reason());
 * }
 * }</pre>
 */
public sealed interface BindingOutcome {

    /**
     * A valid connectivity check: send {@code response} (a success response with XOR-MAPPED-ADDRESS,
     * MESSAGE-INTEGRITY and FINGERPRINT) back to {@code from}.
     *
     * @param response  the encoded success response
     * @param nominated whether the check carried USE-CANDIDATE, making {@code from} the selected address
     * @param from      the address the check came from
     */
    record Respond(byte[] response, boolean nominated, InetSocketAddress from) implements BindingOutcome {
    }

    /**
     * The packet is not a valid check for this agent.
     *
     * @param errorResponse the encoded error response to send back to the sender, or {@code null} when the
     *                      packet must be dropped silently (not STUN, a bad FINGERPRINT, not a request)
     * @param reason        why, for metrics and debugging (never contains secrets)
     */
    record Reject(byte[] errorResponse, String reason) implements BindingOutcome {
    }
}
