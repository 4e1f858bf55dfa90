package org.plenum.media.ice;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.plenum.media.stun.StunClass;
import org.plenum.media.stun.StunErrorCode;
import org.plenum.media.stun.StunMessage;
import org.plenum.media.stun.StunMessageBuilder;
import org.plenum.media.stun.StunParseException;

/**
 * The server side of one ICE session as a lite agent (RFC 8445 §2.5): it never sends checks, it answers
 * the browser's and lets the browser (always the controlling agent) choose.
 *
 * <ul>
 *   <li>A check is valid when it is a Binding request with FINGERPRINT, USERNAME
 *       {@code "<our ufrag>:<their ufrag>"} and MESSAGE-INTEGRITY under our password. It is answered with
 *       XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT.</li>
 *   <li>A valid check with USE-CANDIDATE nominates its source address; the latest nomination wins, so a
 *       client that moves (Wi-Fi to mobile, ICE restart on the same credentials) is followed.</li>
 *   <li>Errors: 400 for a malformed request or one without USERNAME/MESSAGE-INTEGRITY/FINGERPRINT, 401 for
 *       an unknown ufrag or a wrong password, 420 for unknown comprehension-required attributes, 487 when
 *       the peer also claims the controlled role. Packets that are not STUN requests, or whose FINGERPRINT
 *       is wrong, are dropped without an answer.</li>
 *   <li>Consent (RFC 7675): {@link #consentExpired} turns true 30 s after the last valid check from the
 *       selected address (before nomination: from any address; before any check: since creation).</li>
 * </ul>
 *
 * The remote credentials are optional: a check may arrive before the remote SDP, and our password alone
 * authenticates it (RFC 8445 §7.3). Once known, the remote ufrag must match the USERNAME's second half.
 *
 * <p>Thread safety: checks are handled one at a time (the method is synchronized; uncontended on a
 * Netty event loop); {@link #selectedAddress()} and {@link #consentExpired} may be read from any thread.
 *
 * <pre>{@code
 * IceLiteAgent agent = new IceLiteAgent(IceCredentials.random(), System.nanoTime());
 * agent.setRemoteCredentials(new IceCredentials(offer.iceUfrag(), offer.icePwd()));
 * BindingOutcome outcome = agent.onBindingRequest(buf, off, len, sender, System.nanoTime());
 * }</pre>
 */
public final class IceLiteAgent {

    /** RFC 7675 §5.1: consent expires 30 seconds after the last successful check. */
    public static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(30);
    private static final long CONSENT_TIMEOUT_NANOS = CONSENT_TIMEOUT.toNanos();

    private final IceCredentials local;
    private final byte[] localKey;
    private volatile IceCredentials remote;
    private volatile InetSocketAddress selected;
    private volatile long lastConsentNanos;

    /**
     * @param local     our ufrag and password, as put into our SDP
     * @param nowNanos  the {@link System#nanoTime()} clock now; the consent window starts here
     */
    public IceLiteAgent(IceCredentials local, long nowNanos) {
        this.local = Objects.requireNonNull(local, "local");
        this.localKey = local.integrityKey();
        this.lastConsentNanos = nowNanos;
    }

    public IceCredentials localCredentials() {
        return local;
    }

    /** The peer's ufrag and password from its SDP, once known. */
    public void setRemoteCredentials(IceCredentials remote) {
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    public Optional<IceCredentials> remoteCredentials() {
        return Optional.ofNullable(remote);
    }

    /**
     * The part of USERNAME before the first ':', i.e. the ufrag of the agent the check is meant for.
     * Used to find the session for a check from an address no session knows yet.
     */
    public static Optional<String> localUfragOf(StunMessage message) {
        return message.username().flatMap(u -> {
            int colon = u.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(u.substring(0, colon));
        });
    }

    /** The nominated address (latest nomination wins), or {@code null} before the first nomination. */
    public InetSocketAddress selectedAddress() {
        return selected;
    }

    /** Whether consent has lapsed: no valid check for {@link #CONSENT_TIMEOUT} (RFC 7675). */
    public boolean consentExpired(long nowNanos) {
        return nowNanos - lastConsentNanos >= CONSENT_TIMEOUT_NANOS;
    }

    /**
     * Handles one received packet that looks like STUN.
     *
     * @param from     the sender's transport address
     * @param nowNanos the {@link System#nanoTime()} clock now
     */
    public BindingOutcome onBindingRequest(byte[] buf, int off, int len, InetSocketAddress from, long nowNanos) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (!StunMessage.looksLikeStun(buf, off, len)) {
            return new BindingOutcome.Reject(null, "not STUN");
        }
        StunMessage request;
        try {
            request = StunMessage.parse(buf, off, len);
        } catch (StunParseException e) {
            return malformed(buf, off, len, e.getMessage());
        }
        return onBindingRequest(request, from, nowNanos);
    }

    /** As {@link #onBindingRequest(byte[], int, int, InetSocketAddress, long)} for an already parsed message. */
    public synchronized BindingOutcome onBindingRequest(StunMessage request, InetSocketAddress from, long nowNanos) {
        Objects.requireNonNull(from, "from");
        if (request.messageClass() != StunClass.REQUEST) {
            // Indications (keepalives) and stray responses are not checks and get no answer.
            return new BindingOutcome.Reject(null, "not a request: " + request.messageClass());
        }
        if (request.hasFingerprint() && !request.verifyFingerprint()) {
            return new BindingOutcome.Reject(null, "bad FINGERPRINT");
        }
        if (request.method() != StunMessage.BINDING) {
            return error(request, StunErrorCode.BAD_REQUEST, "Bad Request", "not a Binding request", false);
        }
        if (!request.hasFingerprint()) {
            return error(request, StunErrorCode.BAD_REQUEST, "Bad Request", "no FINGERPRINT", false);
        }
        Optional<String> username = request.username();
        if (username.isEmpty() || !request.hasIntegrity()) {
            return error(request, StunErrorCode.BAD_REQUEST, "Bad Request", "no USERNAME or MESSAGE-INTEGRITY", false);
        }
        if (!usernameIsOurs(username.get())) {
            return error(request, StunErrorCode.UNAUTHENTICATED, "Unauthenticated", "unknown ufrag", false);
        }
        if (!request.verifyIntegrity(localKey)) {
            return error(request, StunErrorCode.UNAUTHENTICATED, "Unauthenticated", "bad MESSAGE-INTEGRITY", false);
        }
        List<Integer> unknown = request.unknownComprehensionRequired();
        if (!unknown.isEmpty()) {
            byte[] response = StunMessageBuilder.errorResponse(request, StunErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute")
                    .unknownAttributes(unknown).messageIntegrity(localKey).fingerprint().encode();
            return new BindingOutcome.Reject(response, "unknown comprehension-required attribute");
        }
        if (request.iceControlled().isPresent()) {
            // A lite agent is always controlled and cannot take the controlling role (RFC 8445 §6.1.1),
            // so whatever the tie-breakers say, the peer has to switch.
            return error(request, StunErrorCode.ROLE_CONFLICT, "Role Conflict", "peer claims controlled role", true);
        }

        boolean nominated = request.useCandidate();
        if (nominated) {
            selected = from;
        }
        // Consent is about the pair in use: once one is nominated, checks on other pairs do not keep it alive.
        InetSocketAddress current = selected;
        if (current == null || current.equals(from)) {
            lastConsentNanos = nowNanos;
        }
        byte[] response = StunMessageBuilder.successResponse(request)
                .xorMappedAddress(from)
                .messageIntegrity(localKey)
                .fingerprint()
                .encode();
        return new BindingOutcome.Respond(response, nominated, from);
    }

    private boolean usernameIsOurs(String username) {
        int colon = username.indexOf(':');
        if (colon < 0 || !username.substring(0, colon).equals(local.ufrag())) {
            return false;
        }
        String theirs = username.substring(colon + 1);
        IceCredentials known = remote;
        return known == null ? !theirs.isEmpty() : theirs.equals(known.ufrag());
    }

    private BindingOutcome error(StunMessage request, int code, String phrase, String reason, boolean authenticated) {
        StunMessageBuilder builder = StunMessageBuilder.errorResponse(request, code, phrase);
        if (authenticated) {
            builder.messageIntegrity(localKey);
        }
        return new BindingOutcome.Reject(builder.fingerprint().encode(), reason);
    }

    /**
     * A packet with a sound STUN header whose attributes do not parse: a Binding request gets 400, anything
     * else is dropped (we cannot tell what it was meant to be).
     */
    private static BindingOutcome malformed(byte[] buf, int off, int len, String why) {
        int type = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
        int declared = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
        if (type != 0x0001 || declared + StunMessage.HEADER_LENGTH != len) {
            return new BindingOutcome.Reject(null, "malformed STUN: " + why);
        }
        byte[] tid = Arrays.copyOfRange(buf, off + 8, off + StunMessage.HEADER_LENGTH);
        byte[] response = new StunMessageBuilder(StunMessage.BINDING, StunClass.ERROR_RESPONSE, tid)
                .errorCode(StunErrorCode.BAD_REQUEST, "Bad Request")
                .fingerprint()
                .encode();
        return new BindingOutcome.Reject(response, "malformed STUN: " + why);
    }

    @Override
    public String toString() {
        return "IceLiteAgent[ufrag=" + local.ufrag() + ", selected=" + selected + "]";
    }
}
