package org.plenum.media.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.media.engine.MediaAssertions.tagged;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenum.media.rtcp.Pli;
import org.plenum.media.rtcp.ReceiverReport;
import org.plenum.media.rtcp.Remb;
import org.plenum.media.rtcp.ReportBlock;
import org.plenum.media.rtcp.RtcpWriter;
import org.plenum.media.rtcp.SenderReport;
import org.plenum.media.testpeer.Await;
import org.plenum.media.testpeer.Camera;
import org.plenum.media.testpeer.PublishOfferBuilder;
import org.plenum.media.testpeer.ReceivedRtp;
import org.plenum.media.testpeer.RtpStream;
import org.plenum.media.testpeer.SubscribeAnswerBuilder.OfferedTrack;
import org.plenum.media.testpeer.TestPeer;

/** RTCP between the engine and its peers: NACK and RTX, PLI, receiver and sender reports, REMB. */
class RtcpFeedbackTest {

    private static final int MIC = 1;
    private static final int CAM = 2;

    @Test
    void aNackedPacketIsResentAsRtxWithTheOriginalSequenceNumberFirst() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            PublishOfferBuilder offer = new PublishOfferBuilder().videoOnly();
            alice.publish(offer);
            bob.subscribe(1);
            h.pump.add(new Camera(alice.publisher, List.of(offer.videoStream(CAM)), 600));
            Await.until("bob gets video", EngineHarness.WAIT, () -> tagged(bob.subscriber, CAM).size() >= 10);

            OfferedTrack video = bob.offered("alice", MediaSource.CAMERA);
            ReceivedRtp lost = tagged(bob.subscriber, CAM).get(5);
            double before = h.metrics().retransmissions.count();
            byte[] nack = new byte[64];
            bob.subscriber.sendRtcp(nack, RtcpWriter.nack(nack, 0, 0x1234, video.ssrc(), List.of(lost.seq())));

            ReceivedRtp rtx = Await.value("bob gets the retransmission", EngineHarness.WAIT,
                    () -> bob.subscriber.rtp(p -> p.ssrc() == video.rtxSsrc()).stream().findFirst().orElse(null));
            assertThat(video.rtxSsrc()).isPositive();
            assertThat(rtx.payloadType()).as("the RTX payload type of the offer").isEqualTo(video.rtxPayloadType()).isEqualTo(97);
            byte[] payload = rtx.payload();
            assertThat(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)).as("RFC 4588 original sequence number").isEqualTo(lost.seq());
            assertThat(Arrays.copyOfRange(payload, 2, payload.length)).as("the original payload").isEqualTo(lost.payload());
            assertThat(rtx.timestamp()).isEqualTo(lost.timestamp());
            assertThat(h.metrics().retransmissions.count()).isEqualTo(before + 1);
        }
    }

    @Test
    void aSubscribersPliReachesThePublisherForTheForwardedLayerAtMostEvery300Ms() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            bob.media.view(List.of(new TileHint("alice", MediaSource.CAMERA, 640, 360))); // the middle layer
            PublishOfferBuilder offer = new PublishOfferBuilder().videoOnly().simulcast();
            alice.publish(offer);
            bob.subscribe(1);
            List<RtpStream> layers = List.of(offer.layer(0, 10), offer.layer(1, CAM), offer.layer(2, 12));
            h.pump.add(new Camera(alice.publisher, layers, 100, 300, 900));
            Await.until("bob gets the middle layer", EngineHarness.WAIT, () -> tagged(bob.subscriber, CAM).size() >= 10);
            long video = bob.offered("alice", MediaSource.CAMERA).ssrc();
            long middle = layers.get(1).ssrc();

            // a decoder in trouble: a PLI every 20 ms
            long start = System.nanoTime();
            byte[] pli = new byte[32];
            h.pump.add(() -> bob.subscriber.sendRtcp(pli, RtcpWriter.pli(pli, 0, 0x1234, video)));
            Await.until("alice gets three keyframe requests", EngineHarness.WAIT,
                    () -> SimulcastTest.plisFor(alice.publisher, middle).stream().filter(p -> p.atNanos() > start).count() >= 3);
            List<TestPeer.Received<Pli>> after = alice.publisher.rtcp(Pli.class).stream().filter(p -> p.atNanos() > start).toList();
            assertThat(after).allSatisfy(p -> assertThat(p.packet().mediaSsrc()).as("the forwarded layer's SSRC").isEqualTo(middle));
            SimulcastTest.assertRateLimited(after, start);
            assertThat(h.metrics().keyframeRequests.count()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void thePublisherGetsReceiverReportsWithRembAboutOnceASecondAndTheSubscriberSenderReportsPerStream() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            PublishOfferBuilder offer = new PublishOfferBuilder();
            long connected = System.nanoTime();
            alice.publish(offer);
            bob.subscribe(2);
            RtpStream mic = offer.audioStream(MIC);
            h.pump.add(() -> alice.publisher.sendRtp(mic.audioPacket(40)))
                    .add(new Camera(alice.publisher, List.of(offer.videoStream(CAM)), 600));

            Await.until("three rounds of reports", Duration.ofSeconds(20), () -> alice.publisher.rtcp(Remb.class).size() >= 3
                    && bob.subscriber.rtcp(SenderReport.class).stream().map(r -> r.packet().senderSsrc()).distinct().count() == 2);

            List<TestPeer.Received<ReceiverReport>> rrs = alice.publisher.rtcp(ReceiverReport.class);
            List<TestPeer.Received<Remb>> rembs = alice.publisher.rtcp(Remb.class);
            assertThat(rrs).hasSizeGreaterThanOrEqualTo(3);
            long watchedMillis = (System.nanoTime() - connected) / 1_000_000;
            assertThat(rembs.size()).as("reports in %d ms: about one a second, never more", watchedMillis)
                    .isLessThanOrEqualTo((int) (watchedMillis / 1000) + 1);
            assertThat(rembs).allSatisfy(r -> {
                assertThat(r.packet().bitrateBps()).as("the configured publish bitrate").isEqualTo(2_500_000);
                assertThat(r.packet().ssrcs()).contains(offer.audioSsrc(), offer.videoSsrc());
            });
            ReceiverReport last = rrs.getLast().packet();
            assertThat(last.reports()).extracting(ReportBlock::ssrc).contains(offer.audioSsrc(), offer.videoSsrc());
            ReportBlock audio = last.reports().stream().filter(b -> b.ssrc() == offer.audioSsrc()).findFirst().orElseThrow();
            assertThat(audio.fractionLost()).isZero();
            assertThat(audio.extendedHighestSeq() & 0xFFFF).as("highest seq received, at most what was sent")
                    .satisfies(s -> assertThat(MediaAssertions.newer((int) (long) s, mic.lastSeq())).isFalse());

            OfferedTrack bobsAudio = bob.offered("alice", MediaSource.MICROPHONE);
            OfferedTrack bobsVideo = bob.offered("alice", MediaSource.CAMERA);
            assertThat(bob.subscriber.rtcp(SenderReport.class)).extracting(r -> r.packet().senderSsrc())
                    .as("a sender report for each forwarded stream, under the subscriber's SSRCs")
                    .containsOnly(bobsAudio.ssrc(), bobsVideo.ssrc());
            SenderReport sr = bob.subscriber.rtcp(SenderReport.class).stream().map(TestPeer.Received::packet)
                    .filter(r -> r.senderSsrc() == bobsAudio.ssrc()).reduce((a, b) -> b).orElseThrow();
            assertThat(sr.packetCount()).isPositive();
            assertThat(sr.packetCount()).isLessThanOrEqualTo(MediaAssertions.tagged(bob.subscriber, MIC).size());
        }
    }
}
