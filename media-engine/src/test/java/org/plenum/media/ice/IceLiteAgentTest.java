package org.plenum.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenum.media.stun.StunClass;
import org.plenum.media.stun.StunErrorCode;
import org.plenum.media.stun.StunMessage;
import org.plenum.media.stun.StunMessageBuilder;
import org.plenum.media.stun.Rfc5769Vectors;
import org.plenum.media.stun.StunParseException;

class IceLiteAgentTest {

    private static final IceCredentials LOCAL = new IceCredentials("srvUfrag", "serverPasswordOf24chars+");
    private static final IceCredentials REMOTE = new IceCredentials("brws", "browserPasswordIs24chars");
    private static final long T0 = 1_000_000_000_000L;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final InetSocketAddress wifi = address("192.0.2.7", 50000);
    private final InetSocketAddress mobile = address("2001:db8::7", 61000);
    private IceLiteAgent agent;

    @BeforeEach
    void newAgent() {
        agent = new IceLiteAgent(LOCAL, T0);
        agent.setRemoteCredentials(REMOTE);
    }

    /** A check as a browser sends it: controlling, with PRIORITY, signed with our password. */
    private static StunMessageBuilder check(String username, String password) {
        return StunMessageBuilder.request(StunMessage.BINDING)
                .username(username)
                .priority(1853817087L)
                .iceControlling(0x1234_5678_9ABC_DEF0L)
                .messageIntegrity(password.getBytes(StandardCharsets.UTF_8))
                .fingerprint();
    }

    private static byte[] validCheck() {
        return check("srvUfrag:brws", LOCAL.pwd()).encode();
    }

    private static byte[] nomination() {
        return StunMessageBuilder.request(StunMessage.BINDING)
                .username("srvUfrag:brws")
                .priority(1853817087L)
                .iceControlling(1L)
                .useCandidate()
                .messageIntegrity(LOCAL.integrityKey())
                .fingerprint()
                .encode();
    }

    private BindingOutcome send(byte[] packet, InetSocketAddress from, long now) {
        return agent.onBindingRequest(packet, 0, packet.length, from, now);
    }

    private static StunMessage parse(byte[] b) throws StunParseException {
        return StunMessage.parse(b, 0, b.length);
    }

    private static int errorCodeOf(BindingOutcome outcome) throws StunParseException {
        assertThat(outcome).isInstanceOf(BindingOutcome.Reject.class);
        byte[] response = ((BindingOutcome.Reject) outcome).errorResponse();
        assertThat(response).as("error response").isNotNull();
        StunMessage m = parse(response);
        assertThat(m.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(m.verifyFingerprint()).isTrue();
        return m.errorCode().orElseThrow().code();
    }

    @Test
    void validCheckIsAnsweredWithTheSendersAddressUnderIntegrity() throws Exception {
        byte[] request = validCheck();

        BindingOutcome outcome = send(request, wifi, T0);

        assertThat(outcome).isInstanceOf(BindingOutcome.Respond.class);
        BindingOutcome.Respond respond = (BindingOutcome.Respond) outcome;
        assertThat(respond.nominated()).isFalse();
        assertThat(respond.from()).isEqualTo(wifi);
        StunMessage response = parse(respond.response());
        assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(response.method()).isEqualTo(StunMessage.BINDING);
        assertThat(response.transactionId()).isEqualTo(parse(request).transactionId());
        assertThat(response.xorMappedAddress()).contains(wifi);
        assertThat(response.verifyIntegrity(LOCAL.integrityKey())).isTrue();
        assertThat(response.verifyFingerprint()).isTrue();
        assertThat(agent.selectedAddress()).as("a check without USE-CANDIDATE selects nothing").isNull();
    }

    @Test
    void ipv6SenderGetsAnIpv6MappedAddress() throws Exception {
        BindingOutcome.Respond respond = (BindingOutcome.Respond) send(validCheck(), mobile, T0);
        assertThat(parse(respond.response()).xorMappedAddress()).contains(mobile);
    }

    @Test
    void wrongPasswordIsRefusedWith401WithoutIntegrity() throws Exception {
        BindingOutcome outcome = send(check("srvUfrag:brws", "notTheServerPassword1234").encode(), wifi, T0);

        assertThat(errorCodeOf(outcome)).isEqualTo(StunErrorCode.UNAUTHENTICATED);
        assertThat(parse(((BindingOutcome.Reject) outcome).errorResponse()).hasIntegrity()).isFalse();
        assertThat(agent.selectedAddress()).isNull();
    }

    @Test
    void unknownLocalUfragIsRefusedWith401() throws Exception {
        BindingOutcome outcome = send(check("otherUfr:brws", LOCAL.pwd()).encode(), wifi, T0);
        assertThat(errorCodeOf(outcome)).isEqualTo(StunErrorCode.UNAUTHENTICATED);
        assertThat(((BindingOutcome.Reject) outcome).reason()).contains("ufrag");
    }

    @Test
    void wrongRemoteUfragIsRefusedOnceTheRemoteCredentialsAreKnown() throws Exception {
        assertThat(errorCodeOf(send(check("srvUfrag:evil", LOCAL.pwd()).encode(), wifi, T0)))
                .isEqualTo(StunErrorCode.UNAUTHENTICATED);
    }

    @Test
    void checkBeforeTheRemoteSdpIsAuthenticatedByOurPasswordAlone() {
        IceLiteAgent early = new IceLiteAgent(LOCAL, T0);
        byte[] request = check("srvUfrag:whoever", LOCAL.pwd()).encode();
        assertThat(early.onBindingRequest(request, 0, request.length, wifi, T0))
                .isInstanceOf(BindingOutcome.Respond.class);
    }

    @Test
    void usernameWithoutColonIsRefused() throws Exception {
        assertThat(errorCodeOf(send(check("srvUfrag", LOCAL.pwd()).encode(), wifi, T0)))
                .isEqualTo(StunErrorCode.UNAUTHENTICATED);
    }

    @Test
    void checkWithoutUsernameOrIntegrityIsABadRequest() throws Exception {
        byte[] noUsername = StunMessageBuilder.request(StunMessage.BINDING)
                .messageIntegrity(LOCAL.integrityKey()).fingerprint().encode();
        byte[] noIntegrity = StunMessageBuilder.request(StunMessage.BINDING)
                .username("srvUfrag:brws").fingerprint().encode();
        assertThat(errorCodeOf(send(noUsername, wifi, T0))).isEqualTo(StunErrorCode.BAD_REQUEST);
        assertThat(errorCodeOf(send(noIntegrity, wifi, T0))).isEqualTo(StunErrorCode.BAD_REQUEST);
    }

    @Test
    void checkWithoutFingerprintIsABadRequest() throws Exception {
        byte[] request = StunMessageBuilder.request(StunMessage.BINDING)
                .username("srvUfrag:brws").messageIntegrity(LOCAL.integrityKey()).encode();
        assertThat(errorCodeOf(send(request, wifi, T0))).isEqualTo(StunErrorCode.BAD_REQUEST);
    }

    @Test
    void malformedAttributesInABindingRequestGet400WithItsTransactionId() throws Exception {
        byte[] request = validCheck();
        request[StunMessage.HEADER_LENGTH + 3] = (byte) 0xF0; // USERNAME now runs past the end

        BindingOutcome outcome = send(request, wifi, T0);

        assertThat(errorCodeOf(outcome)).isEqualTo(StunErrorCode.BAD_REQUEST);
        assertThat(parse(((BindingOutcome.Reject) outcome).errorResponse()).transactionId())
                .isEqualTo(Arrays.copyOfRange(request, 8, 20));
    }

    @Test
    void packetsThatAreNotStunRequestsAreDroppedSilently() {
        byte[] rtp = new byte[40];
        rtp[0] = (byte) 0x80;
        byte[] indication = new StunMessageBuilder(StunMessage.BINDING, StunClass.INDICATION, new byte[12])
                .fingerprint().encode();
        byte[] truncated = Arrays.copyOf(validCheck(), 30);

        for (byte[] packet : new byte[][] {rtp, indication, truncated, new byte[0]}) {
            BindingOutcome outcome = send(packet, wifi, T0);
            assertThat(outcome).isInstanceOf(BindingOutcome.Reject.class);
            assertThat(((BindingOutcome.Reject) outcome).errorResponse()).isNull();
        }
    }

    @Test
    void badFingerprintIsDroppedSilently() {
        byte[] request = validCheck();
        request[request.length - 1] ^= 1;
        BindingOutcome outcome = send(request, wifi, T0);
        assertThat(outcome).isEqualTo(new BindingOutcome.Reject(null, "bad FINGERPRINT"));
    }

    @Test
    void peerClaimingTheControlledRoleGets487UnderIntegrity() throws Exception {
        byte[] request = StunMessageBuilder.request(StunMessage.BINDING)
                .username("srvUfrag:brws").iceControlled(42L)
                .messageIntegrity(LOCAL.integrityKey()).fingerprint().encode();

        BindingOutcome outcome = send(request, wifi, T0);

        assertThat(errorCodeOf(outcome)).isEqualTo(StunErrorCode.ROLE_CONFLICT);
        assertThat(parse(((BindingOutcome.Reject) outcome).errorResponse()).verifyIntegrity(LOCAL.integrityKey()))
                .isTrue();
    }

    @Test
    void rfc5769SampleRequestIsAuthenticButComesFromAControlledPeer() throws Exception {
        byte[] sample = Rfc5769Vectors.SAMPLE_REQUEST;
        IceLiteAgent evtj = new IceLiteAgent(new IceCredentials("evtj", Rfc5769Vectors.SHORT_TERM_PASSWORD), T0);
        evtj.setRemoteCredentials(new IceCredentials("h6vY", "someRemotePassword0123456"));

        BindingOutcome outcome = evtj.onBindingRequest(sample, 0, sample.length, wifi, T0);

        assertThat(errorCodeOf(outcome)).isEqualTo(StunErrorCode.ROLE_CONFLICT);
        assertThat(((BindingOutcome.Reject) outcome).reason()).contains("controlled");
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() throws Exception {
        byte[] request = StunMessageBuilder.request(StunMessage.BINDING)
                .username("srvUfrag:brws").attribute(0x7F01, new byte[4])
                .messageIntegrity(LOCAL.integrityKey()).fingerprint().encode();
        assertThat(errorCodeOf(send(request, wifi, T0))).isEqualTo(StunErrorCode.UNKNOWN_ATTRIBUTE);
    }

    @Test
    void useCandidateNominatesTheSendersAddress() {
        BindingOutcome outcome = send(nomination(), wifi, T0);

        assertThat(outcome).isInstanceOf(BindingOutcome.Respond.class);
        assertThat(((BindingOutcome.Respond) outcome).nominated()).isTrue();
        assertThat(agent.selectedAddress()).isEqualTo(wifi);
    }

    @Test
    void latestNominationWinsWhenTheClientMoves() {
        send(nomination(), wifi, T0);
        send(validCheck(), mobile, T0 + SECOND);
        assertThat(agent.selectedAddress()).as("a plain check does not move the selection").isEqualTo(wifi);

        send(nomination(), mobile, T0 + 2 * SECOND);

        assertThat(agent.selectedAddress()).isEqualTo(mobile);
    }

    @Test
    void failedCheckWithUseCandidateDoesNotNominate() {
        byte[] forged = StunMessageBuilder.request(StunMessage.BINDING)
                .username("srvUfrag:brws").useCandidate()
                .messageIntegrity("guessedPasswordOf24chars".getBytes(StandardCharsets.UTF_8)).fingerprint().encode();
        send(nomination(), wifi, T0);

        send(forged, mobile, T0 + SECOND);

        assertThat(agent.selectedAddress()).isEqualTo(wifi);
    }

    @Test
    void consentExpiresThirtySecondsAfterTheLastValidCheck() {
        send(nomination(), wifi, T0);
        send(validCheck(), wifi, T0 + 20 * SECOND);

        assertThat(agent.consentExpired(T0 + 49 * SECOND)).isFalse();
        assertThat(agent.consentExpired(T0 + 50 * SECOND - 1)).isFalse();
        assertThat(agent.consentExpired(T0 + 50 * SECOND)).isTrue();
    }

    @Test
    void invalidChecksDoNotRefreshConsent() {
        send(nomination(), wifi, T0);
        byte[] wrong = check("srvUfrag:brws", "notTheServerPassword1234").encode();
        send(wrong, wifi, T0 + 25 * SECOND);

        assertThat(agent.consentExpired(T0 + 30 * SECOND)).isTrue();
    }

    @Test
    void checksOnAnotherPairDoNotKeepTheSelectedPairAlive() {
        send(nomination(), wifi, T0);
        send(validCheck(), mobile, T0 + 25 * SECOND);

        assertThat(agent.consentExpired(T0 + 30 * SECOND)).isTrue();
    }

    @Test
    void sessionThatNeverConnectsExpiresThirtySecondsAfterCreation() {
        assertThat(agent.consentExpired(T0 + 29 * SECOND)).isFalse();
        assertThat(agent.consentExpired(T0 + 30 * SECOND)).isTrue();
    }

    @Test
    void localUfragIsReadFromTheUsername() throws Exception {
        assertThat(IceLiteAgent.localUfragOf(parse(validCheck()))).contains("srvUfrag");
        assertThat(IceLiteAgent.localUfragOf(parse(check("nocolon", "x").encode()))).isEmpty();
        assertThat(IceLiteAgent.localUfragOf(parse(StunMessageBuilder.request(1).encode()))).isEmpty();
    }

    @Test
    void randomAndMutatedPacketsNeverThrow() {
        Random random = new Random(8445);
        byte[] valid = nomination();
        for (int i = 0; i < 10_000; i++) {
            byte[] packet;
            if (i % 2 == 0) {
                packet = new byte[random.nextInt(150)];
                random.nextBytes(packet);
            } else {
                packet = valid.clone();
                packet[random.nextInt(packet.length)] ^= (byte) (1 + random.nextInt(255));
            }
            BindingOutcome outcome = send(packet, wifi, T0);
            assertThat(outcome).isNotNull();
        }
        assertThat(agent.selectedAddress()).as("no mutation may nominate").isNull();
    }

    private static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
