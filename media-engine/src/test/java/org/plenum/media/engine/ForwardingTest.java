package org.plenum.media.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.media.engine.MediaAssertions.assertConsecutive;
import static org.plenum.media.engine.MediaAssertions.audioLevel;
import static org.plenum.media.engine.MediaAssertions.tag;
import static org.plenum.media.engine.MediaAssertions.tagged;
import static org.plenum.media.engine.MediaAssertions.taggedAfter;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenum.media.testpeer.Await;
import org.plenum.media.testpeer.Camera;
import org.plenum.media.testpeer.PublishOfferBuilder;
import org.plenum.media.testpeer.ReceivedRtp;
import org.plenum.media.testpeer.RtpStream;
import org.plenum.media.testpeer.SubscribeAnswerBuilder.OfferedTrack;

/** A publisher's media reaches its subscribers through a real engine, over real sockets. */
class ForwardingTest {

    private static final int MIC = 1;
    private static final int CAM = 2;

    @Test
    void publishersAudioAndVideoReachEachSubscriberReencryptedWithTheOfferedSsrcsAndPayloadTypes() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            TestParticipant carol = h.join("carol");
            PublishOfferBuilder offer = new PublishOfferBuilder();
            alice.publish(offer);
            bob.subscribe(2);
            carol.subscribe(2);

            RtpStream mic = offer.audioStream(MIC);
            RtpStream cam = offer.videoStream(CAM);
            h.pump.add(() -> alice.publisher.sendRtp(mic.audioPacket(30))).add(new Camera(alice.publisher, List.of(cam), 600));

            for (TestParticipant sub : List.of(bob, carol)) {
                Await.until(sub + " receives 20 audio and 20 video packets", EngineHarness.WAIT,
                        () -> sub.subscriber.rtp(p -> tag(p) == MIC).size() >= 20 && sub.subscriber.rtp(p -> tag(p) == CAM).size() >= 20);
                OfferedTrack audio = sub.offered("alice", MediaSource.MICROPHONE);
                OfferedTrack video = sub.offered("alice", MediaSource.CAMERA);
                List<ReceivedRtp> audioIn = sub.subscriber.rtp(p -> tag(p) == MIC);
                List<ReceivedRtp> videoIn = sub.subscriber.rtp(p -> tag(p) == CAM);

                assertThat(audio.payloadType()).as("the engine offers Opus at its own payload type").isEqualTo(111);
                assertThat(video.payloadType()).isEqualTo(96);
                assertThat(audioIn).allSatisfy(p -> {
                    assertThat(p.ssrc()).isEqualTo(audio.ssrc());
                    assertThat(p.payloadType()).isEqualTo(audio.payloadType());
                    assertThat(audioLevel(p)).as("the publisher's audio level, under the subscriber's extmap id").isEqualTo(30);
                });
                assertThat(videoIn).allSatisfy(p -> {
                    assertThat(p.ssrc()).isEqualTo(video.ssrc());
                    assertThat(p.payloadType()).isEqualTo(video.payloadType());
                });
                assertThat(videoIn.getFirst().vp8Keyframe()).as("video starts at a keyframe").isTrue();
                assertConsecutive(audioIn);
                assertConsecutive(videoIn);
                assertThat(sub.subscriber.srtpFailures()).isZero();
            }

            assertThat(bob.offered("alice", MediaSource.CAMERA).ssrc()).isNotEqualTo(carol.offered("alice", MediaSource.CAMERA).ssrc());
            byte[] bobsPacket = bob.subscriber.rtp().getLast().wire();
            byte[] carolsPacket = carol.subscriber.rtp().getLast().wire();
            assertThat(bob.subscriber.canDecrypt(bobsPacket)).isTrue();
            assertThat(carol.subscriber.canDecrypt(bobsPacket)).as("each subscriber has its own SRTP keys").isFalse();
            assertThat(bob.subscriber.canDecrypt(carolsPacket)).isFalse();
            assertThat(h.pump.failures()).isEmpty();
        }
    }

    @Test
    void enforcedMuteStopsThePublishersAudioButNotItsVideoUntilLifted() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            PublishOfferBuilder offer = new PublishOfferBuilder();
            alice.publish(offer);
            bob.subscribe(2);
            RtpStream mic = offer.audioStream(MIC);
            RtpStream cam = offer.videoStream(CAM);
            h.pump.add(() -> alice.publisher.sendRtp(mic.audioPacket(30))).add(new Camera(alice.publisher, List.of(cam), 600));
            Await.until("bob hears alice", EngineHarness.WAIT, () -> tagged(bob.subscriber, MIC).size() >= 5);

            alice.media.enforceMute(true);
            h.barrier(); // every packet sent from now on reaches the engine after the mute
            int micCut = mic.lastSeq();
            int camCut = cam.lastSeq();
            double mutedBefore = h.dropped(EngineMetrics.Drop.MUTED);
            Await.until("alice's video keeps flowing to bob", EngineHarness.WAIT,
                    () -> taggedAfter(bob.subscriber, CAM, camCut).size() >= 25);
            assertThat(taggedAfter(bob.subscriber, MIC, micCut)).as("alice's audio while muted").isEmpty();
            assertThat(h.dropped(EngineMetrics.Drop.MUTED)).isGreaterThan(mutedBefore);

            alice.media.enforceMute(false);
            h.barrier();
            int unmuted = mic.lastSeq();
            Await.until("bob hears alice again", EngineHarness.WAIT, () -> taggedAfter(bob.subscriber, MIC, unmuted).size() >= 5);
        }
    }

    @Test
    void audioOnlySubscribersAndPausedTilesGetNoVideoButAllAudio() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");     // audio only
            TestParticipant carol = h.join("carol"); // shows alice's tile at 0x0
            TestParticipant dave = h.join("dave");   // shows no tile of alice at all
            TestParticipant erin = h.join("erin");   // shows alice
            bob.media.audioOnly(true);
            carol.media.view(List.of(new TileHint("alice", MediaSource.CAMERA, 0, 0)));
            dave.media.view(List.of(new TileHint("somebody", MediaSource.CAMERA, 640, 360)));
            erin.media.view(List.of(new TileHint("alice", MediaSource.CAMERA, 640, 360)));
            PublishOfferBuilder offer = new PublishOfferBuilder().simulcast();
            alice.publish(offer);
            for (TestParticipant sub : List.of(bob, carol, dave, erin)) {
                sub.subscribe(2);
            }
            // the layers' SSRCs are learnt from the first packets, after every subscriber is connected
            RtpStream mic = offer.audioStream(MIC);
            List<RtpStream> layers = List.of(offer.layer(0, CAM), offer.layer(1, CAM), offer.layer(2, CAM));
            h.pump.add(() -> alice.publisher.sendRtp(mic.audioPacket(30))).add(new Camera(alice.publisher, layers, 100, 300, 900));

            Await.until("erin sees alice", EngineHarness.WAIT, () -> tagged(erin.subscriber, CAM).size() >= 25);
            for (TestParticipant sub : List.of(bob, carol, dave)) {
                Await.until(sub + " hears alice", EngineHarness.WAIT, () -> tagged(sub.subscriber, MIC).size() >= 25);
            }
            for (TestParticipant sub : List.of(bob, carol, dave)) {
                assertThat(tagged(sub.subscriber, CAM)).as("video packets to " + sub).isEmpty();
            }
            assertThat(h.dropped(EngineMetrics.Drop.NOT_SELECTED)).isPositive();

            // carol makes the tile visible: video starts at a keyframe
            carol.media.view(List.of(new TileHint("alice", MediaSource.CAMERA, 640, 360)));
            Await.until("carol sees alice", EngineHarness.WAIT, () -> tagged(carol.subscriber, CAM).size() >= 10);
            List<ReceivedRtp> video = tagged(carol.subscriber, CAM);
            assertThat(video.getFirst().vp8Keyframe()).isTrue();
            assertConsecutive(video);
            assertThat(tagged(bob.subscriber, CAM)).isEmpty();
        }
    }
}
