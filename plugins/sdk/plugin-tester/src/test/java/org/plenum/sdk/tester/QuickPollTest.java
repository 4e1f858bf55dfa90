package org.plenum.sdk.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.audit.ChainVerification;
import org.plenum.api.audit.SignedHead;
import org.plenum.api.http.CallerRole;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Role;
import org.plenum.api.service.ServiceUnavailableException;
import org.plenum.sdk.tester.example.Eligibility;
import org.plenum.sdk.tester.example.PollClosed;
import org.plenum.sdk.tester.example.QuickPoll;
import org.plenum.sdk.tester.example.QuickPollPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A whole plugin under test: services, timers, offloaded audit appends, events and a REST route. */
class QuickPollTest {

    private static final JsonObject OPEN = JsonObject.of("question", "Approve item 7?", "options", JsonArray.of("yes", "no", "abstain"),
            "seconds", 60);

    /** The "attendance" plugin's service, faked: guests may not vote. */
    private static final Eligibility MEMBERS_ONLY = (Participant p) -> !p.isGuest();

    private PluginTester tester;
    private SimulatedParticipant chair;
    private SimulatedParticipant ben;
    private SimulatedParticipant clara;
    private SimulatedParticipant guest;

    @BeforeEach
    void aCouncilMeeting() {
        tester = PluginTester.forPlugin(new QuickPollPlugin())
                .service("attendance", Eligibility.class, MEMBERS_ONLY)
                .start();
        chair = tester.join("Chair", Role.MODERATOR);
        ben = tester.join("Ben", Role.PARTICIPANT);
        clara = tester.join("Clara", Role.PARTICIPANT);
        guest = tester.joinGuest("Gast");
    }

    private InMemoryAuditChain pollLog(int poll) {
        return tester.audit().chain(tester.tenantId(), "poll/" + tester.roomId() + "/" + poll);
    }

    @Test
    void onlyModeratorsOpenPolls() {
        ben.send("open", OPEN);

        assertThat(ben.lastReceived().errorCode()).contains("forbidden");
        assertThat(chair.received()).isEmpty();
        assertThat(tester.audit().chains()).isEmpty();
    }

    @Test
    void openingAPollIsRecordedAndAnnounced() {
        chair.send("open", OPEN);

        assertThat(guest.lastReceived().type()).isEqualTo("opened");
        assertThat(guest.lastReceived().body().getString("closesAt")).isEqualTo("2026-01-05T09:01:00Z");
        assertThat(pollLog(1).entries()).extracting(AuditEntry::type).containsExactly("poll.opened");
    }

    @Test
    void aBallotIsConfirmedOnlyOnceItIsInTheAuditLog() {
        PluginTester held = PluginTester.forPlugin(new QuickPollPlugin()).service("attendance", Eligibility.class, MEMBERS_ONLY)
                .holdBackgroundWork().start();
        SimulatedParticipant chair = held.join("Chair", Role.MODERATOR);
        SimulatedParticipant ben = held.join("Ben", Role.PARTICIPANT);
        chair.send("open", OPEN);
        held.runBackgroundWork();

        ben.sendWithId("c-1", "vote", JsonObject.of("option", "yes"));

        assertThat(ben.received("voted")).isEmpty();
        assertThat(held.pendingBackgroundWork()).isEqualTo(1);

        held.runBackgroundWork();

        SentMessage confirmation = ben.lastReceived();
        assertThat(confirmation.type()).isEqualTo("voted");
        assertThat(confirmation.re()).contains("c-1");
        assertThat(confirmation.body().getLong("entry")).isEqualTo(2);
        assertThat(confirmation.recipients()).containsExactly(ben.id());
    }

    @Test
    void theTimerClosesThePollWithASignedResultAndTellsOtherPlugins() {
        chair.send("open", OPEN);
        ben.send("vote", JsonObject.of("option", "yes"));
        clara.send("vote", JsonObject.of("option", "no"));

        tester.advance(Duration.ofSeconds(59));
        assertThat(tester.sent("closed")).isEmpty();

        tester.advance(Duration.ofSeconds(1));

        SentMessage closed = chair.lastReceived();
        assertThat(closed.type()).isEqualTo("closed");
        assertThat(closed.sentAt()).isEqualTo("2026-01-05T09:01:00Z");
        assertThat(closed.body().getObject("tally")).isEqualTo(JsonObject.of("yes", 1, "no", 1, "abstain", 0));
        assertThat(closed.body().getString("reason")).isEqualTo("time is up");
        assertThat(closed.recipients()).containsExactly(chair.id(), ben.id(), clara.id(), guest.id());

        InMemoryAuditChain log = pollLog(1);
        assertThat(log.entries()).extracting(AuditEntry::type).containsExactly("poll.opened", "ballot.cast", "ballot.cast", "poll.closed");
        assertThat(log.entries()).allSatisfy(e -> assertThat(e.payload().toJson()).doesNotContain(ben.id(), "Ben"));
        assertThat(log.verify().isIntact()).isTrue();
        assertThat(closed.body().getString("finalHash")).isEqualTo(log.entries().getLast().hash().hex());

        assertThat(tester.publishedEvents(PollClosed.class)).singleElement().satisfies(event -> {
            assertThat(event.roomId()).isEqualTo(tester.roomId());
            assertThat(event.finalHash()).isEqualTo(closed.body().getString("finalHash"));
        });
    }

    @Test
    void tamperingWithTheStoredLogIsFoundAtTheEditedEntry() {
        chair.send("open", OPEN);
        ben.send("vote", JsonObject.of("option", "yes"));
        clara.send("vote", JsonObject.of("option", "no"));
        chair.send("close");
        InMemoryAuditChain log = pollLog(1);
        SignedHead sealed = signHeadOutsideTheRoom(log);
        assertThat(sealed.signatureValid()).isTrue();
        assertThat(sealed.publicKeyFingerprint()).isEqualTo(SignedHead.fingerprint(tester.audit().signingKey().getEncoded()));

        log.tamperPayload(3, JsonObject.of("option", "yes"));

        assertThat(log.verify()).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(3);
            assertThat(broken.problem()).isEqualTo(ChainVerification.Problem.CONTENT_ALTERED);
        });
    }

    @Test
    void aCarefulForgerIsCaughtByTheSignedHead() {
        chair.send("open", OPEN);
        ben.send("vote", JsonObject.of("option", "yes"));
        chair.send("close");
        InMemoryAuditChain log = pollLog(1);
        SignedHead sealed = signHeadOutsideTheRoom(log);

        log.tamperDelete(3);
        assertThat(log.verify(sealed)).isInstanceOfSatisfying(ChainVerification.Broken.class,
                broken -> assertThat(broken.problem()).isEqualTo(ChainVerification.Problem.HEAD_MISMATCH));
    }

    @Test
    void guestsMayNotVoteBecauseTheDependencySaysSo() {
        chair.send("open", OPEN);

        guest.send("vote", JsonObject.of("option", "yes"));

        assertThat(guest.lastReceived().errorCode()).contains("forbidden");
        assertThat(pollLog(1).entries()).hasSize(1);
    }

    @Test
    void eachMemberVotesOnce() {
        chair.send("open", OPEN);
        ben.send("vote", JsonObject.of("option", "yes"));
        ben.send("vote", JsonObject.of("option", "no"));

        assertThat(ben.received()).extracting(SentMessage::type).containsExactly("opened", "voted", "error");
        assertThat(ben.lastReceived().body().getString("message")).isEqualTo("you have voted already");
    }

    @Test
    void malformedBallotsAreAnsweredWithWhatIsWrong() {
        chair.send("open", OPEN);

        ben.send("vote", JsonObject.of("choice", "yes"));
        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", "invalid_message", "message", "field 'option' is missing"));

        ben.send("vote", JsonObject.of("option", "maybe"));
        assertThat(ben.lastReceived().errorCode()).contains("invalid_request");
    }

    @Test
    void aLateJoinerSeesTheOpenPollAndWhetherTheyVoted() {
        chair.send("open", OPEN);
        ben.send("vote", JsonObject.of("option", "yes"));
        ben.disconnect();
        ben.reconnect();

        assertThat(ben.joinSnapshot().orElseThrow().getBoolean("youVoted")).isTrue();
        SimulatedParticipant dora = tester.join("Dora", Role.PARTICIPANT);
        assertThat(dora.joinSnapshot().orElseThrow().getString("question")).isEqualTo("Approve item 7?");
        assertThat(dora.joinSnapshot().orElseThrow().getBoolean("youVoted")).isFalse();
    }

    @Test
    void closingTheRoomEndsThePollAsInvalidAndStopsItsTimer() {
        chair.send("open", OPEN);
        tester.closeRoom();

        assertThat(chair.lastReceived().body().getBoolean("valid")).isFalse();
        tester.advance(Duration.ofMinutes(5));
        assertThat(tester.sent("closed")).hasSize(1);
        assertThat(tester.module()).isEmpty();
    }

    @Test
    void theRestRouteReadsTheLiveRoomForCallersOfItsTenant() {
        chair.send("open", OPEN);
        ben.send("vote", JsonObject.of("option", "yes"));

        HttpResponse response = tester.get("/rooms/room-1/poll", tester.caller("Ada", CallerRole.MEMBER));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.jsonBody()).isEqualTo(JsonObject.of("open", true, "polls", 1, "question", "Approve item 7?", "votes", 1));

        var stranger = new org.plenum.api.http.Caller(UUID.randomUUID(), UUID.randomUUID(), "Eve", CallerRole.TENANT_ADMIN);
        assertThat(tester.get("/rooms/room-1/poll", stranger).status()).isEqualTo(404);
        assertThat(tester.get("/rooms/room-1/poll", null).status()).isEqualTo(401);
        assertThat(tester.routes()).containsExactly("GET /rooms/{roomId}/poll");
    }

    @Test
    void theModuleStateCanBeInspectedDirectly() {
        chair.send("open", OPEN);
        assertThat(tester.module(QuickPoll.class).publicState().getBoolean("open")).isTrue();
        assertThat(tester.logLines()).contains("INFO quick poll started");
    }

    @Test
    void withoutTheDeclaredDependencyTheServiceIsNotFound() {
        PluginDescriptor undeclared = PluginDescriptor.builder("quick-poll", "1.0.0").name("Quick poll").requires("[1.0,2.0)").build();

        assertThatThrownBy(() -> PluginTester.forPlugin(new QuickPollPlugin(undeclared))
                .service("attendance", Eligibility.class, MEMBERS_ONLY).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused to start")
                .hasRootCauseInstanceOf(ServiceUnavailableException.class)
                .rootCause().hasMessageContaining("does not declare a dependency on it");
    }

    /** Signing is blocking, so outside the room's thread it may be called directly, as a report generator would. */
    private static SignedHead signHeadOutsideTheRoom(InMemoryAuditChain log) {
        return log.signHead();
    }
}
