package org.plenum.media.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.plenum.media.testpeer.Await;
import org.plenum.media.testpeer.PublishOfferBuilder;
import org.plenum.media.testpeer.SubscribeAnswerBuilder;
import org.plenum.media.testpeer.SubscribeAnswerBuilder.OfferedTrack;
import org.plenum.media.testpeer.TestPeer;

/**
 * A participant as the signaling layer and a browser together would be: it joins the engine's room, publishes
 * over one {@link TestPeer} and receives over another, answers every subscribe offer like a browser, and records
 * what its {@link MediaListener} hears.
 */
final class TestParticipant implements MediaListener {

    /** One subscribe offer as the listener got it. */
    record Offer(String sdp, long version, List<TrackInfo> tracks) {
    }

    final String id;
    final MediaParticipant media;
    private final EngineHarness harness;
    private final List<Offer> offers = new CopyOnWriteArrayList<>();
    final List<String> speakers = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<ConnectionQuality> qualities = new CopyOnWriteArrayList<>();
    TestPeer publisher;
    TestPeer subscriber;
    private Offer answered;
    private boolean tcp;

    TestParticipant(EngineHarness harness, String id) {
        this.harness = harness;
        this.id = id;
        this.media = harness.room.join(id, this);
    }

    // ---- MediaListener, on the engine's loop: record and return

    @Override
    public void subscribeOffer(String sdp, long version, List<TrackInfo> tracks) {
        offers.add(new Offer(sdp, version, List.copyOf(tracks)));
    }

    @Override
    public void dominantSpeaker(String participantId) {
        speakers.add(participantId);
    }

    @Override
    public void quality(ConnectionQuality quality) {
        qualities.add(quality);
    }

    @Override
    public void mediaFailed(String reason) {
        failures.add(reason);
    }

    // ---- publishing

    /** From now on, new PeerConnections use ICE-TCP instead of UDP. */
    TestParticipant overTcp() {
        tcp = true;
        return this;
    }

    private TestPeer newPeer() {
        return tcp ? TestPeer.tcp(harness.engine.tcpPort()) : TestPeer.udp(harness.engine.udpPort());
    }

    /** Publishes {@code offer} and connects; returns the engine's answer. */
    String publish(PublishOfferBuilder offer) {
        return publish(offer, newPeer());
    }

    String publish(PublishOfferBuilder offer, TestPeer peer) {
        publisher = peer;
        String answer = get(media.publish(offer.build(peer), Map.of()));
        peer.connect(answer);
        return answer;
    }

    // ---- subscribing

    List<Offer> offers() {
        return List.copyOf(offers);
    }

    /**
     * Answers subscribe offers as they come (connecting the subscribe PeerConnection on the first) until an
     * answered offer satisfies {@code wanted}; returns that offer.
     */
    Offer subscribe(Predicate<Offer> wanted) {
        return Await.value(id + " answers a subscribe offer that " + wanted, EngineHarness.WAIT, () -> {
            Offer latest = offers.isEmpty() ? null : offers.getLast();
            if (latest != null && latest != answered) {
                answer(latest);
            }
            return answered != null && answered == offers.getLast() && wanted.test(answered) ? answered : null;
        });
    }

    /** Answers until the offer carries at least {@code n} tracks. */
    Offer subscribe(int n) {
        return subscribe(o -> o.tracks().size() >= n);
    }

    private void answer(Offer offer) {
        if (subscriber == null) {
            subscriber = newPeer();
        }
        get(media.answerSubscribe(SubscribeAnswerBuilder.answer(offer.sdp(), subscriber), offer.version()));
        answered = offer;
        if (!subscriber.connected()) {
            subscriber.connect(offer.sdp());
        }
    }

    /** What the answered offer promises for {@code publisherId}'s {@code source}: mid, SSRCs, payload types. */
    OfferedTrack offered(String publisherId, MediaSource source) {
        Offer o = answered;
        String mid = o.tracks().stream().filter(t -> t.participantId().equals(publisherId) && t.source() == source)
                .map(TrackInfo::mid).findFirst()
                .orElseThrow(() -> new AssertionError(id + " was not offered " + publisherId + "'s " + source));
        return SubscribeAnswerBuilder.tracks(o.sdp()).stream().filter(t -> t.mid().equals(mid)).findFirst().orElseThrow();
    }

    void closePeers() {
        for (TestPeer p : new TestPeer[] {publisher, subscriber}) {
            if (p != null) {
                p.close();
            }
        }
    }

    static <T> T get(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(EngineHarness.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the engine refused: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
