package org.plenum.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenum.media.rtp.RtpPacket;
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

    static int tag(ReceivedRtp p) {
        RtpStream.Mark m = p.mark();
        return m == null ? -1 : m.tag();
    }

    /** The RFC 6464 level in the subscriber's one-byte extension with id 1, or -1. */
    static int audioLevel(ReceivedRtp p) {
        RtpPacket packet = RtpPacket.parse(p.plain(), 0, p.plain().length);
        int at = packet.findExtension(1);
        return at < 0 ? -1 : p.plain()[at] & 0x7F;
    }

    /** Sequence numbers +1 each (mod 2^16), timestamps never going back. */
    static void assertConsecutive(List<ReceivedRtp> packets) {
        for (int i = 1; i < packets.size(); i++) {
            ReceivedRtp a = packets.get(i - 1);
            ReceivedRtp b = packets.get(i);
            assertThat(b.seq()).as("seq after %s", a).isEqualTo((a.seq() + 1) & 0xFFFF);
            assertThat((int) (b.timestamp() - a.timestamp())).as("timestamp after %s", a).isGreaterThanOrEqualTo(0);
        }
    }
}
