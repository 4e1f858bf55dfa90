package org.plenum.media.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.media.engine.MediaAssertions.assertConsecutive;
import static org.plenum.media.engine.MediaAssertions.tagged;
import static org.plenum.media.engine.MediaAssertions.taggedAfter;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.plenum.media.testpeer.Await;
import org.plenum.media.testpeer.Camera;
import org.plenum.media.testpeer.PublishOfferBuilder;
import org.plenum.media.testpeer.ReceivedRtp;
import org.plenum.media.testpeer.RtpStream;

/** Who speaks, from the audio levels publishers send, and what follows from it: speaker events and last-N. */
class SpeakerTest {

    private static final int SPEECH = 20;  // -20 dBov: somebody talking
    private static final int SILENCE = 127;

    @Test
    void theDominantSpeakerIsAnnouncedToEveryoneInTheRoom() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            TestParticipant carol = h.join("carol"); // only listens
            AtomicInteger aliceLevel = speaking(h, alice, 1, SPEECH);
            AtomicInteger bobLevel = speaking(h, bob, 2, SILENCE);

            for (TestParticipant p : List.of(alice, bob, carol)) {
                Await.until(p + " hears that alice speaks", EngineHarness.WAIT, () -> p.speakers.contains("alice"));
            }
            aliceLevel.set(SILENCE);
            bobLevel.set(SPEECH);
            for (TestParticipant p : List.of(alice, bob, carol)) {
                Await.until(p + " hears that bob speaks now", EngineHarness.WAIT,
                        () -> !p.speakers.isEmpty() && p.speakers.getLast().equals("bob"));
                assertThat(p.speakers).containsExactly("alice", "bob");
            }
        }
    }

    @Test
    void aModeratorMutedParticipantDoesNotBecomeTheDominantSpeaker() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            alice.media.enforceMute(true);
            h.barrier();
            speaking(h, alice, 1, SPEECH);        // alice talks, but nobody hears her
            AtomicInteger bobLevel = speaking(h, bob, 2, SILENCE);
            Await.until("alice's packets have been seen", EngineHarness.WAIT, () -> h.dropped(EngineMetrics.Drop.MUTED) >= 50);
            bobLevel.set(SPEECH);
            Await.until("bob becomes the speaker", EngineHarness.WAIT, () -> bob.speakers.contains("bob"));
            assertThat(bob.speakers).as("speaker events").containsExactly("bob");
        }
    }

    @Test
    void withLastNOfOneASubscriberGetsVideoOnlyFromTheLatestSpeakerButAudioFromEveryone() {
        try (EngineHarness h = EngineHarness.start(MediaEngineConfig.defaults().withLastN(1))) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            TestParticipant carol = h.join("carol");
            PublishOfferBuilder aliceOffer = new PublishOfferBuilder();
            PublishOfferBuilder bobOffer = new PublishOfferBuilder();
            alice.publish(aliceOffer);
            bob.publish(bobOffer);
            carol.subscribe(4);
            RtpStream aliceMic = aliceOffer.audioStream(1);
            RtpStream bobMic = bobOffer.audioStream(2);
            RtpStream aliceCam = aliceOffer.videoStream(11);
            RtpStream bobCam = bobOffer.videoStream(12);
            AtomicInteger aliceLevel = new AtomicInteger(SILENCE);
            AtomicInteger bobLevel = new AtomicInteger(SILENCE);
            h.pump.add(() -> alice.publisher.sendRtp(aliceMic.audioPacket(aliceLevel.get())))
                    .add(() -> bob.publisher.sendRtp(bobMic.audioPacket(bobLevel.get())))
                    .add(new Camera(alice.publisher, List.of(aliceCam), 500))
                    .add(new Camera(bob.publisher, List.of(bobCam), 500));
            // nobody has spoken: the first to join is shown
            Await.until("carol sees alice", EngineHarness.WAIT, () -> tagged(carol.subscriber, 11).size() >= 10);

            bobLevel.set(SPEECH);
            Await.until("bob is the speaker", EngineHarness.WAIT, () -> carol.speakers.contains("bob"));
            h.barrier(); // the tick that announced bob also applied last-N: frames made from now on follow it
            int aliceCut = aliceCam.lastSeq();
            int mark = carol.subscriber.rtp().size();
            Await.until("carol sees bob", EngineHarness.WAIT, () -> since(carol, mark, 12).size() >= 20);
            assertThat(taggedAfter(carol.subscriber, 11, aliceCut)).as("alice's video while bob speaks").isEmpty();
            assertThat(since(carol, mark, 1)).as("alice's audio").hasSizeGreaterThanOrEqualTo(10);
            assertThat(since(carol, mark, 2)).as("bob's audio").hasSizeGreaterThanOrEqualTo(10);
            List<ReceivedRtp> aliceBefore = tagged(carol.subscriber, 11);

            bobLevel.set(SILENCE);
            aliceLevel.set(SPEECH);
            Await.until("alice is the speaker again", EngineHarness.WAIT,
                    () -> !carol.speakers.isEmpty() && carol.speakers.getLast().equals("alice"));
            h.barrier();
            int bobCut = bobCam.lastSeq();
            int mark2 = carol.subscriber.rtp().size();
            Await.until("carol sees alice again", EngineHarness.WAIT, () -> since(carol, mark2, 11).size() >= 20);
            assertThat(taggedAfter(carol.subscriber, 12, bobCut)).as("bob's video while alice speaks").isEmpty();

            List<ReceivedRtp> aliceAgain = tagged(carol.subscriber, 11).subList(aliceBefore.size(), tagged(carol.subscriber, 11).size());
            assertThat(aliceAgain.getFirst().vp8Keyframe()).as("alice's video resumes at a keyframe").isTrue();
            assertConsecutive(tagged(carol.subscriber, 11));
        }
    }

    /** Packets of stream {@code tag} carol got after the first {@code mark} packets. */
    private static List<ReceivedRtp> since(TestParticipant p, int mark, int tag) {
        List<ReceivedRtp> all = p.subscriber.rtp();
        return all.subList(mark, all.size()).stream().filter(r -> MediaAssertions.tag(r) == tag).toList();
    }

    /** Publishes a microphone whose level the test sets; returns that level. */
    private static AtomicInteger speaking(EngineHarness h, TestParticipant p, int tag, int level) {
        PublishOfferBuilder offer = new PublishOfferBuilder().audioOnly();
        p.publish(offer);
        RtpStream mic = offer.audioStream(tag);
        AtomicInteger l = new AtomicInteger(level);
        h.pump.add(() -> p.publisher.sendRtp(mic.audioPacket(l.get())));
        return l;
    }
}
