package org.plenum.media.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.media.engine.MediaAssertions.tagged;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plenum.media.testpeer.Await;
import org.plenum.media.testpeer.Camera;
import org.plenum.media.testpeer.PublishOfferBuilder;
import org.plenum.media.testpeer.RtpStream;
import org.plenum.media.testpeer.TestPeer;

/** How peers reach the engine (UDP, ICE-TCP) and how the engine notices that they are gone. */
class ConnectivityTest {

    private static final int MIC = 1;
    private static final int CAM = 2;

    @Test
    void aPeerOnIceTcpCompletesStunDtlsAndExchangesMedia() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice").overTcp();
            TestParticipant bob = h.join("bob").overTcp();
            PublishOfferBuilder offer = new PublishOfferBuilder();
            String answer = alice.publish(offer);
            assertThat(answer).contains(" tcp ").contains(" " + h.engine.tcpPort() + " typ host tcptype passive");
            bob.subscribe(2);
            RtpStream mic = offer.audioStream(MIC);
            h.pump.add(() -> alice.publisher.sendRtp(mic.audioPacket(30)))
                    .add(new Camera(alice.publisher, List.of(offer.videoStream(CAM)), 900));

            Await.until("bob gets alice's audio and video over TCP", EngineHarness.WAIT,
                    () -> tagged(bob.subscriber, MIC).size() >= 20 && tagged(bob.subscriber, CAM).size() >= 20);
            MediaAssertions.assertConsecutive(tagged(bob.subscriber, MIC));
            MediaAssertions.assertConsecutive(tagged(bob.subscriber, CAM));
            assertThat(tagged(bob.subscriber, CAM).getFirst().vp8Keyframe()).isTrue();
            Await.until("alice gets RTCP over TCP", Duration.ofSeconds(10), () -> !alice.publisher.rtcp().isEmpty());
            assertThat(alice.failures).isEmpty();
            assertThat(bob.failures).isEmpty();
        }
    }

    @Test
    void aTransportWhosePeerStopsSendingChecksFailsAfterTheConsentTimeout() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            alice.publish(new PublishOfferBuilder().audioOnly()); // one nominating check, then silence
            long lastCheck = System.nanoTime();

            h.tick(lastCheck + Duration.ofSeconds(28).toNanos());
            assertThat(alice.failures).as("28 s without a check").isEmpty();

            h.tick(lastCheck + Duration.ofSeconds(31).toNanos());
            assertThat(alice.failures).as("RFC 7675: consent lapses after 30 s").singleElement().asString()
                    .contains("consent");
        }
    }

    @Test
    void consentRefreshesKeepATransportAlive() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            alice.publish(new PublishOfferBuilder().audioOnly());
            long afterFirstCheck = System.nanoTime();
            Await.until("half a second passed", Duration.ofSeconds(5), () -> System.nanoTime() - afterFirstCheck > 500_000_000L);
            alice.publisher.check(false); // a consent refresh, as browsers send every few seconds

            // 30.3 s after the first check, but less than 30 s after the refresh
            h.tick(afterFirstCheck + Duration.ofMillis(30_300).toNanos());
            assertThat(alice.failures).isEmpty();
        }
    }

    @Test
    void aParticipantWhoWaitedLongerThanTheIceTimeoutStillGetsTimeToConnectWhenMediaArrives() {
        Duration iceTimeout = Duration.ofSeconds(1);
        MediaEngineConfig config = new MediaEngineConfig("127.0.0.1", 0, 0, List.of("127.0.0.1"), 0, 2_500_000, iceTimeout, null);
        try (EngineHarness h = EngineHarness.start(config)) {
            TestParticipant bob = h.join("bob");
            h.barrier();
            long joined = System.nanoTime();
            // bob sits alone in the room for longer than the ICE timeout (time passing, not synchronisation)
            Await.until("bob has waited", Duration.ofSeconds(5), () -> System.nanoTime() - joined > iceTimeout.toNanos() + 100_000_000L);

            TestParticipant alice = h.join("alice");
            PublishOfferBuilder offer = new PublishOfferBuilder().audioOnly();
            alice.publish(offer);
            Await.until("bob is offered alice's microphone", EngineHarness.WAIT, () -> !bob.offers().isEmpty());
            h.tick(System.nanoTime()); // bob's browser is still working on its answer
            assertThat(bob.failures).as("a subscribe connection created a moment ago").isEmpty();

            bob.subscribe(1);
            RtpStream mic = offer.audioStream(MIC);
            h.pump.add(() -> alice.publisher.sendRtp(mic.audioPacket(30)));
            Await.until("bob hears alice", EngineHarness.WAIT, () -> tagged(bob.subscriber, MIC).size() >= 10);
            assertThat(bob.failures).isEmpty();
        }
    }

    @Test
    void aPublishTransportThatNeverSeesACheckFailsAfterTheIceTimeout() {
        try (EngineHarness h = EngineHarness.start(); TestPeer silent = TestPeer.udp(h.engine.udpPort())) {
            TestParticipant alice = h.join("alice");
            h.barrier();
            long joined = System.nanoTime();
            TestParticipant.get(alice.media.publish(new PublishOfferBuilder().audioOnly().build(silent), Map.of()));
            h.tick(joined + Duration.ofSeconds(29).toNanos());
            assertThat(alice.failures).isEmpty();
            h.tick(System.nanoTime() + Duration.ofSeconds(31).toNanos());
            assertThat(alice.failures).singleElement().asString().contains("ICE did not connect");
        }
    }
}
