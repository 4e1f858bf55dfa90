package org.plenum.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenum.it.support.Await;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.LoopbackPages;
import org.plenum.it.support.webrtc.WeriftPeer;
import org.plenum.it.support.webrtc.WeriftPeer.Keyframe;
import org.plenum.it.support.webrtc.WeriftPeer.Received;

/**
 * The SFU against an independent WebRTC stack: werift (TypeScript, in Node) publishes and subscribes through
 * the built distribution's media engine over loopback, joined through the real signaling like any client, and
 * receives a Chromium publisher's simulcast through forced layer switches as one continuous stream.
 */
@ExtendWith(TestRun.Extension.class)
class WeriftThroughSfuIT {

    private static final Duration MEDIA = Duration.ofSeconds(30);
    /** How long a bitrate is measured over, on the werift peer's clock. */
    private static final long WINDOW_MS = 3_000;
    private static LoopbackPages pages;

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;
    private final Erfurt erfurt;
    private final List<WeriftParticipant> participants = new ArrayList<>();

    WeriftThroughSfuIT(TestRun run) {
        this.run = run;
        this.erfurt = new Erfurt(run);
    }

    @BeforeAll
    static void servePages() {
        pages = LoopbackPages.start();
    }

    @AfterAll
    static void stopPages() {
        pages.close();
    }

    @AfterEach
    void leave() {
        participants.forEach(WeriftParticipant::close);
    }

    @Test
    void threeWeriftParticipantsReceiveEveryStreamOfTheOthersDecryptedAndWithoutAGap() {
        String room = erfurt.room("werift trio");
        List<WeriftParticipant> trio = new ArrayList<>();
        for (String name : List.of("ilse", "jonas", "karla")) {
            WeriftParticipant p = joined(name, room);
            p.publish();
            trio.add(p);
        }
        System.out.println("werift: " + trio.getFirst().werift.versions());
        for (WeriftParticipant receiver : trio) {
            receiver.werift.awaitConnectionState("sub", "connected", MEDIA);
            for (WeriftParticipant sender : trio) {
                if (sender == receiver) {
                    continue;
                }
                // werift sends 50 Opus packets and 10 two-packet VP8 key frames a second
                receiver.awaitFrom(sender.participantId, "microphone", MEDIA, "receives 150 audio packets", r -> r.packets() >= 150);
                receiver.awaitFrom(sender.participantId, "camera", MEDIA, "receives 60 video packets", r -> r.packets() >= 60);
            }
        }
        for (WeriftParticipant receiver : trio) {
            WeriftPeer.Stats stats = receiver.subscribeStats();
            for (WeriftParticipant sender : trio) {
                if (sender == receiver) {
                    continue;
                }
                WeriftPeer.Stats sent = sender.werift.stats("pub");
                for (String source : List.of("microphone", "camera")) {
                    Received r = receiver.from(sender.participantId, source, stats).orElseThrow();
                    String what = receiver.name + " <- " + sender.name + " " + source;
                    System.out.printf("werift-sfu: %s: ssrc %d packets %d decrypted %d bytes %d seq %d..%d missing %d duplicates %d out of order %d keyframes %d%n",
                            what, r.ssrc(), r.packets(), r.decrypted(), r.bytes(), r.firstSeq(), r.lastSeq(), r.missing(), r.duplicates(),
                            r.outOfOrder(), r.keyframes());
                    assertThat(r.decrypted()).as(what + " packets through SRTP").isEqualTo(r.packets());
                    assertThat(r.missing()).as(what + " sequence numbers missing between %d and %d", r.firstSeq(), r.lastSeq()).isZero();
                    assertThat(r.duplicates()).as(what + " duplicates").isZero();
                    assertThat(r.timestampsBackwards()).as(what + " timestamps going back").isZero();
                    String kind = source.equals("camera") ? "video" : "audio";
                    long publisherSsrc = sent.sent().stream().filter(s -> s.kind().equals(kind)).findFirst().orElseThrow().ssrc();
                    assertThat(r.ssrc()).as(what + ": the SFU's own SSRC, not the publisher's").isNotEqualTo(publisherSsrc);
                    if (kind.equals("video")) {
                        assertThat(r.keyframes()).as(what + " VP8 key frames").isPositive();
                        assertThat(r.keyframeLog()).as(what + " frame size").allMatch(k -> k.width() == 160 && k.height() == 120);
                        assertThat(r.markers()).as(what + " complete frames").isPositive();
                    }
                }
            }
            // exactly one stream per source of each other participant: no stray SSRCs
            assertThat(stats.received()).as(receiver.name + " streams").hasSize(4);
            receiver.assertNoErrors();
        }
        // the last to join caused re-offers at the first two; each was answered
        assertThat(trio.getFirst().offersAnswered()).as("subscribe offers the first participant answered").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aLeaverDisturbsNobodyAndALateJoinerArrivesOnTheMLinesTheLeaverLeft() {
        String room = erfurt.room("werift comings and goings");
        List<WeriftParticipant> trio = new ArrayList<>();
        for (String name : List.of("nora", "otto", "paula")) {
            WeriftParticipant p = joined(name, room);
            p.publish();
            trio.add(p);
        }
        WeriftParticipant nora = trio.get(0);
        WeriftParticipant otto = trio.get(1);
        WeriftParticipant paula = trio.get(2);
        nora.awaitFrom(paula.participantId, "camera", MEDIA, "receives video", r -> r.packets() >= 20);
        otto.awaitFrom(paula.participantId, "camera", MEDIA, "receives video", r -> r.packets() >= 20);
        Map<String, WeriftParticipant.Track> paulasMids = new HashMap<>();
        nora.tracks().values().stream().filter(t -> t.participantId().equals(paula.participantId)).forEach(t -> paulasMids.put(t.source(), t));

        // paula leaves: the others answer a re-offer without her tracks and keep receiving each other without a gap
        long noraOffers = nora.offersAnswered();
        long ottoOffers = otto.offersAnswered();
        paula.leave();
        Await.until("re-offers after paula left", MEDIA, () -> nora.offersAnswered() > noraOffers && otto.offersAnswered() > ottoOffers
                ? Optional.of(true) : Optional.empty());
        assertThat(nora.tracks().values()).as("nora's transceivers after paula left").noneMatch(t -> t.participantId().equals(paula.participantId));
        for (WeriftParticipant[] pair : new WeriftParticipant[][] {{nora, otto}, {otto, nora}}) {
            long audio = pair[0].from(pair[1].participantId, "microphone").orElseThrow().packets();
            long video = pair[0].from(pair[1].participantId, "camera").orElseThrow().packets();
            pair[0].awaitFrom(pair[1].participantId, "microphone", MEDIA, "keeps receiving audio", r -> r.packets() >= audio + 100);
            pair[0].awaitFrom(pair[1].participantId, "camera", MEDIA, "keeps receiving video", r -> r.packets() >= video + 40);
        }

        // quentin joins late: nora and otto receive him on the m-lines paula's tracks had, without a gap
        WeriftParticipant quentin = joined("quentin", room);
        quentin.publish();
        for (WeriftParticipant receiver : List.of(nora, otto)) {
            receiver.awaitFrom(quentin.participantId, "microphone", MEDIA, "receives the late joiner's audio", r -> r.packets() >= 100);
            receiver.awaitFrom(quentin.participantId, "camera", MEDIA, "receives the late joiner's video", r -> r.packets() >= 40);
        }
        for (WeriftParticipant sender : List.of(nora, otto)) {
            quentin.awaitFrom(sender.participantId, "microphone", MEDIA, "receives audio", r -> r.packets() >= 100);
            quentin.awaitFrom(sender.participantId, "camera", MEDIA, "receives video", r -> r.packets() >= 40);
        }
        Map<String, String> quentinsMids = new HashMap<>();
        nora.tracks().values().stream().filter(t -> t.participantId().equals(quentin.participantId)).forEach(t -> quentinsMids.put(t.source(), t.mid()));
        System.out.printf("werift-sfu: at nora, paula had mids %s, the late joiner quentin got %s%n",
                paulasMids.values().stream().map(t -> t.source() + "=" + t.mid()).sorted().toList(), quentinsMids);
        assertThat(quentinsMids).as("quentin's tracks at nora, on recycled m-lines")
                .containsEntry("microphone", paulasMids.get("microphone").mid())
                .containsEntry("camera", paulasMids.get("camera").mid());
        for (WeriftParticipant receiver : List.of(nora, otto, quentin)) {
            WeriftPeer.Stats stats = receiver.subscribeStats();
            for (WeriftParticipant sender : List.of(nora, otto, quentin)) {
                if (sender == receiver) {
                    continue;
                }
                for (String source : List.of("microphone", "camera")) {
                    Received r = receiver.from(sender.participantId, source, stats).orElseThrow();
                    String what = receiver.name + " <- " + sender.name + " " + source;
                    System.out.printf("werift-sfu: %s: mid %s ssrc %d packets %d seq %d..%d missing %d duplicates %d%n",
                            what, r.mid(), r.ssrc(), r.packets(), r.firstSeq(), r.lastSeq(), r.missing(), r.duplicates());
                    assertThat(r.decrypted()).as(what + " packets through SRTP").isEqualTo(r.packets());
                    assertThat(r.missing()).as(what + " sequence numbers missing between %d and %d", r.firstSeq(), r.lastSeq()).isZero();
                    assertThat(r.duplicates()).as(what + " duplicates").isZero();
                }
            }
            receiver.assertNoErrors();
        }
    }

    @Test
    void forcedSimulcastSwitchesReachAWeriftSubscriberAsOneContinuousStreamStartingWithAKeyframe() {
        String room = erfurt.room("werift simulcast");
        MediaPage chromium = new MediaPage(browsers.start("lotte"));
        chromium.open(pages.url("media/index.html"));
        chromium.join(run.server.url(), erfurt.ticket("lotte", room), "lotte");
        chromium.publish(true);
        WeriftParticipant viewer = joined("moritz", room);
        String publisher = chromium.participantId;
        viewer.werift.awaitConnectionState("sub", "connected", MEDIA);
        // before any view the engine forwards the middle layer
        Received first = viewer.awaitFrom(publisher, "camera", MEDIA, "receives a key frame", r -> r.keyframes() > 0 && r.packets() > 50);
        Keyframe middle = first.keyframeLog().getFirst();
        System.out.printf("werift-sfu: before any view: %dx%d%n", middle.width(), middle.height());

        Layer low = switchTo(viewer, publisher, 120, k -> k.width() < middle.width());
        Layer top = switchTo(viewer, publisher, 720, k -> k.width() > middle.width());
        Layer back = switchTo(viewer, publisher, 360, k -> k.width() == middle.width());
        for (Layer l : List.of(low, top, back)) {
            System.out.printf("werift-sfu: tile %d px high: key frame %dx%d %d ms after the view, seq %d after %d, timestamp +%d; %d kbit/s, %d packets/s%n",
                    l.tileHeight, l.keyframe.width(), l.keyframe.height(), l.switchMillis, l.keyframe.seq(), l.keyframe.previousSeq(),
                    l.keyframe.timestamp() - l.keyframe.previousTimestamp(), l.bitsPerSecond / 1000, l.packetsPerSecond);
        }
        assertThat(low.keyframe.height()).as("the low layer's height").isLessThanOrEqualTo(180);
        assertThat(top.keyframe.height()).as("the top layer's height").isGreaterThan(360);
        assertThat(top.bitsPerSecond).as("bit rate of the top layer against the low one").isGreaterThan(2 * low.bitsPerSecond);
        assertThat(back.bitsPerSecond).as("bit rate of the middle layer").isBetween(low.bitsPerSecond, top.bitsPerSecond);

        Received all = viewer.from(publisher, "camera").orElseThrow();
        System.out.printf("werift-sfu: through three switches: ssrc %d packets %d seq %d..%d missing %d duplicates %d out of order %d (at most %d behind) timestamps back %d keyframes %d%n",
                all.ssrc(), all.packets(), all.firstSeq(), all.lastSeq(), all.missing(), all.duplicates(), all.outOfOrder(), all.maxReorder(),
                all.timestampsBackwards(), all.keyframes());
        for (Keyframe k : all.keyframeLog()) {
            System.out.printf("werift-sfu:   key frame at %d ms: %dx%d seq %d after %d%n", k.atMs() - all.firstAtMs(), k.width(), k.height(), k.seq(), k.previousSeq());
        }
        assertThat(all.decrypted()).isEqualTo(all.packets());
        assertThat(all.missing()).as("sequence numbers missing between %d and %d", all.firstSeq(), all.lastSeq()).isZero();
        assertThat(all.duplicates()).as("duplicate sequence numbers").isZero();
        assertThat(all.timestampsBackwards()).as("timestamps going back").isZero();
        assertThat(all.maxReorder()).as("reordering on loopback").isLessThanOrEqualTo(2);
        assertThat(viewer.subscribeStats().received()).as("one stream for audio, one for video, whatever the layer").hasSize(2);
        viewer.assertNoErrors();
        assertThat(chromium.errors()).isEqualTo("[]");
    }

    /** One forced layer: the key frame that started it and the rate measured after it. */
    private record Layer(int tileHeight, Keyframe keyframe, long switchMillis, long bitsPerSecond, long packetsPerSecond) {
    }

    /**
     * Shows the publisher's camera in a tile {@code height} px high, waits for the first key frame of a new size
     * that {@code expected} accepts, checks it continues the stream, then measures the rate for {@link #WINDOW_MS}.
     */
    private Layer switchTo(WeriftParticipant viewer, String publisher, int height, Predicate<Keyframe> expected) {
        WeriftPeer.Stats before = viewer.subscribeStats();
        long keyframesBefore = viewer.from(publisher, "camera", before).orElseThrow().keyframes();
        viewer.view(List.of(Map.of("participantId", publisher, "source", "camera", "width", height * 16 / 9, "height", height)));
        Received switched = viewer.awaitFrom(publisher, "camera", MEDIA, "receives a key frame for a " + height + " px tile",
                r -> r.keyframes() > keyframesBefore && r.keyframeLog().stream().anyMatch(k -> k.atMs() >= before.atMs() && expected.test(k)));
        Keyframe k = switched.keyframeLog().stream().filter(f -> f.atMs() >= before.atMs() && expected.test(f)).findFirst().orElseThrow();
        assertThat(k.previousSeq()).as("the packet before the switch key frame").isNotNull();
        assertThat(k.seq()).as("sequence number of the key frame at the switch to a %d px tile", height).isEqualTo((k.previousSeq() + 1) & 0xFFFF);
        assertThat((int) (k.timestamp() - k.previousTimestamp())).as("timestamp step at the switch").isPositive();

        // the rate of the new layer, from one window on the peer's own clock (starting after the key frame)
        Received from = Await.until("a packet after the key frame", MEDIA,
                () -> viewer.from(publisher, "camera").filter(r -> r.lastAtMs() > k.atMs() + 200));
        Received to = Await.until(WINDOW_MS + " ms of the " + height + " px layer", MEDIA,
                () -> viewer.from(publisher, "camera").filter(r -> r.lastAtMs() - from.lastAtMs() >= WINDOW_MS));
        long millis = to.lastAtMs() - from.lastAtMs();
        long bps = (to.bytes() - from.bytes()) * 8 * 1000 / millis;
        long pps = (to.packets() - from.packets()) * 1000 / millis;
        return new Layer(height, k, Math.round(k.atMs() - before.atMs()), bps, pps);
    }

    private WeriftParticipant joined(String name, String room) {
        WeriftParticipant p = WeriftParticipant.join(run.server.url(), erfurt.ticket(name, room), name);
        participants.add(p);
        return p;
    }




}
