package org.plenum.media.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.media.engine.MediaAssertions.assertConsecutive;
import static org.plenum.media.engine.MediaAssertions.tag;
import static org.plenum.media.engine.MediaAssertions.tagged;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenum.media.rtcp.Pli;
import org.plenum.media.rtcp.RtcpWriter;
import org.plenum.media.testpeer.Await;
import org.plenum.media.testpeer.Camera;
import org.plenum.media.testpeer.PublishOfferBuilder;
import org.plenum.media.testpeer.ReceivedRtp;
import org.plenum.media.testpeer.RtpStream;
import org.plenum.media.testpeer.TestPeer;

/** A publisher's three simulcast layers, and which one each subscriber gets. */
class SimulcastTest {

    private static final int LOW = 10;
    private static final int MID = 11;
    private static final int HIGH = 12;

    @Test
    void theViewHintPicksTheLayerAndASwitchHappensAtTheNewLayersKeyframeAsOneContinuousStream() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            bob.media.view(List.of(new TileHint("alice", MediaSource.CAMERA, 320, 180)));
            PublishOfferBuilder offer = new PublishOfferBuilder().videoOnly().simulcast();
            alice.publish(offer);
            bob.subscribe(1);
            List<RtpStream> layers = List.of(offer.layer(0, LOW), offer.layer(1, MID), offer.layer(2, HIGH));
            // an encoder that takes 10 frames (200 ms) to produce a requested keyframe
            Camera camera = new Camera(alice.publisher, layers, 100, 300, 900).keyframeDelay(10);
            h.pump.add(camera);

            Await.until("bob gets the low layer", EngineHarness.WAIT, () -> tagged(bob.subscriber, LOW).size() >= 10);
            assertThat(bob.subscriber.rtp()).allSatisfy(p -> assertThat(tag(p)).isEqualTo(LOW));

            bob.media.view(List.of(new TileHint("alice", MediaSource.CAMERA, 1280, 720)));
            long switchAsked = System.nanoTime();
            Await.until("bob gets the high layer", EngineHarness.WAIT, () -> tagged(bob.subscriber, HIGH).size() >= 10);

            List<ReceivedRtp> all = bob.subscriber.rtp();
            int first = indexOfFirst(all, HIGH);
            assertThat(all.get(first).vp8Keyframe()).as("the first packet of the new layer is a keyframe").isTrue();
            assertThat(all.subList(0, first)).allSatisfy(p -> assertThat(tag(p)).isEqualTo(LOW));
            assertThat(all.subList(first, all.size())).allSatisfy(p -> assertThat(tag(p)).isEqualTo(HIGH));
            assertThat(all.subList(0, first).stream().filter(p -> p.atNanos() > switchAsked).count())
                    .as("the low layer keeps flowing while the high layer's keyframe is awaited").isGreaterThanOrEqualTo(3);
            assertConsecutive(all);
            assertThat(all.get(first).vp8PictureId()).as("PictureID continues across the switch")
                    .isEqualTo((all.get(first - 1).vp8PictureId() + 1) & 0x7FFF);

            List<TestPeer.Received<Pli>> plis = plisFor(alice.publisher, layers.get(2).ssrc());
            assertThat(plis).as("the engine asks the publisher for a keyframe of the high layer").isNotEmpty();
            assertRateLimited(plis.stream().filter(p -> p.atNanos() > switchAsked).toList(), switchAsked);
            assertThat(plisFor(alice.publisher, layers.get(1).ssrc())).as("nobody wants the middle layer").isEmpty();
        }
    }

    @Test
    void rembFromASubscriberLowersItsLayerToFitTheEstimateAndRaisingItAllowsTheHighLayerAgain() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            bob.media.view(List.of(new TileHint("alice", MediaSource.CAMERA, 1280, 720)));
            PublishOfferBuilder offer = new PublishOfferBuilder().videoOnly().simulcast();
            alice.publish(offer);
            bob.subscribe(1);
            long video = bob.offered("alice", MediaSource.CAMERA).ssrc();
            List<RtpStream> layers = List.of(offer.layer(0, LOW), offer.layer(1, MID), offer.layer(2, HIGH));
            // 40, 160 and 400 kbit/s at 50 frames per second
            h.pump.add(new Camera(alice.publisher, layers, 100, 400, 1000));
            Await.until("bob gets the high layer", EngineHarness.WAIT, () -> tagged(bob.subscriber, HIGH).size() >= 10);

            // like a browser, bob keeps reporting its estimate; layers' bitrates are known after a second
            int mark = bob.subscriber.rtp().size();
            long[] estimate = {100_000};
            byte[] remb = new byte[64];
            h.pump.add(() -> bob.subscriber.sendRtcp(remb, RtcpWriter.remb(remb, 0, 0x1234, estimate[0], List.of(video))));
            Await.until("bob is moved to the low layer", EngineHarness.WAIT,
                    () -> bob.subscriber.rtp().subList(mark, bob.subscriber.rtp().size()).stream().filter(p -> tag(p) == LOW).count() >= 10);
            List<ReceivedRtp> all = bob.subscriber.rtp();
            int firstLow = mark + indexOfFirst(all.subList(mark, all.size()), LOW);
            assertThat(all.subList(mark, firstLow)).allSatisfy(p -> assertThat(tag(p)).isEqualTo(HIGH));
            assertThat(all.get(firstLow).vp8Keyframe()).isTrue();
            assertThat(all.subList(firstLow, all.size())).allSatisfy(p -> assertThat(tag(p)).isEqualTo(LOW));
            assertConsecutive(all);

            estimate[0] = 5_000_000;
            int before = all.size();
            Await.until("bob is back on the high layer", EngineHarness.WAIT,
                    () -> bob.subscriber.rtp().subList(before, bob.subscriber.rtp().size()).stream().filter(p -> tag(p) == HIGH).count() >= 10);
            assertConsecutive(bob.subscriber.rtp());
        }
    }

    static int indexOfFirst(List<ReceivedRtp> packets, int tag) {
        for (int i = 0; i < packets.size(); i++) {
            if (tag(packets.get(i)) == tag) {
                return i;
            }
        }
        throw new AssertionError("no packet of stream " + tag);
    }

    static List<TestPeer.Received<Pli>> plisFor(TestPeer publisher, long ssrc) {
        List<TestPeer.Received<Pli>> out = new ArrayList<>();
        for (TestPeer.Received<Pli> p : publisher.rtcp(Pli.class)) {
            if (p.packet().mediaSsrc() == ssrc) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * RFC 4585 restraint: one keyframe request per layer every 300 ms at most. Counted over the time the test
     * watched rather than measured between arrivals, which a loaded machine can bunch together.
     */
    static void assertRateLimited(List<TestPeer.Received<Pli>> plis, long watchedSinceNanos) {
        long watchedMillis = (System.nanoTime() - watchedSinceNanos) / 1_000_000;
        assertThat(plis.size()).as("keyframe requests in %d ms: %s", watchedMillis, plis)
                .isLessThanOrEqualTo((int) (watchedMillis / 300) + 1);
    }
}
