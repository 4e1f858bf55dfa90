package org.plenum.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenum.it.support.Await;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.LoopbackPages;

/**
 * The media engine end to end with real browsers: headless Chromium with fake camera and microphone joins
 * through the real signaling of the built distribution, publishes simulcast, and receives everyone else
 * through the SFU over loopback.
 */
@ExtendWith(TestRun.Extension.class)
class MediaInBrowsersIT {

    private static final Duration MEDIA = Duration.ofSeconds(20);
    private static LoopbackPages pages;

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;
    private final Erfurt erfurt;

    MediaInBrowsersIT(TestRun run) {
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

    @Test
    void threeBrowsersSeeAndHearEachOtherALateJoinerDecodesAtOnceAndALeaverDisturbsNobody() {
        String room = erfurt.room("Stadtrat media");
        List<MediaPage> people = new ArrayList<>();
        for (String name : List.of("anna", "bernd", "clara")) {
            people.add(joined(name, room, true));
        }
        for (MediaPage receiver : people) {
            for (MediaPage sender : people) {
                if (sender == receiver) {
                    continue;
                }
                receiver.awaitFrom(sender.participantId, "camera", MEDIA, "decodes video",
                        i -> i.framesDecoded() > 5 && i.frameWidth() > 0);
                receiver.awaitFrom(sender.participantId, "microphone", MEDIA, "receives audio", i -> i.totalSamplesReceived() > 0);
            }
        }
        people.get(0).browser.screenshot("media-three-browsers");
        // the engine names a dominant speaker from the audio levels (the fake microphones beep)
        Await.until("a dominant speaker at " + people.get(0).browser.name(), MEDIA,
                () -> java.util.Optional.ofNullable(people.get(0).dominantSpeaker()));
        assertThat(people.stream().map(p -> p.participantId)).contains(people.get(0).dominantSpeaker());

        // a screen share starts: a second video source, offered to everyone
        people.get(1).shareScreen();
        for (MediaPage receiver : List.of(people.get(0), people.get(2))) {
            receiver.awaitFrom(people.get(1).participantId, "screen", MEDIA, "decodes the screen share",
                    i -> i.framesDecoded() > 5 && i.frameWidth() >= 640);
        }

        // a late joiner decodes a first frame from everyone, and sees the share, within 3 s of joining
        // (it turns its own camera on afterwards, as the web client does after the pre-join screen)
        MediaPage late = browsersPage("dora");
        late.join(run.server.url(), erfurt.ticket("dora", room), "dora");
        for (MediaPage sender : people) {
            late.awaitFrom(sender.participantId, "camera", MEDIA, "decodes a first frame", i -> i.framesDecoded() > 0);
        }
        late.awaitFrom(people.get(1).participantId, "screen", MEDIA, "decodes the screen share", i -> i.framesDecoded() > 0);
        System.out.println("late joiner timeline: " + late.browser.execute("return JSON.stringify(window.plenum.state.timeline);"));
        for (MediaPage sender : people) {
            double ms = Await.until("the first shown frame of " + sender.participantId, MEDIA, () -> {
                double d = late.firstFrameDelay(sender.participantId, "camera");
                return d >= 0 ? java.util.Optional.of(d) : java.util.Optional.empty();
            });
            System.out.printf("late joiner: first frame of %s after %.0f ms%n", sender.participantId, ms);
            assertThat(ms).as("late joiner's first frame of " + sender.participantId + ", ms after join").isLessThan(3000);
        }
        late.publish(true);
        for (MediaPage p : people) {
            p.awaitFrom(late.participantId, "camera", MEDIA, "decodes the late joiner", i -> i.framesDecoded() > 0);
        }

        // one leaves; the others keep decoding each other, without errors
        people.get(2).leave();
        for (MediaPage receiver : List.of(people.get(0), people.get(1), late)) {
            for (MediaPage sender : List.of(people.get(0), people.get(1), late)) {
                if (sender == receiver) {
                    continue;
                }
                long before = receiver.from(sender.participantId, "camera").framesDecoded();
                receiver.awaitFrom(sender.participantId, "camera", MEDIA, "keeps decoding", i -> i.framesDecoded() > before + 10);
            }
            assertThat(receiver.errors()).as(receiver.browser.name()).isEqualTo("[]");
        }
    }

    @Test
    void anAudioOnlySubscriberGetsNoVideoBytes() {
        String room = erfurt.room("Audio only");
        MediaPage sender = joined("erich", room, true);
        MediaPage thin = browsersPage("frieda");
        thin.join(run.server.url(), erfurt.ticket("frieda", room), "frieda");
        thin.audioOnly(true);
        thin.publish(false);
        thin.awaitFrom(sender.participantId, "microphone", MEDIA, "receives audio", i -> i.totalSamplesReceived() > 0);
        sender.awaitFrom(thin.participantId, "camera", MEDIA, "decodes video", i -> i.framesDecoded() > 5);
        // a few seconds of a meeting, and not one video byte reached the audio-only participant
        long audioBefore = thin.from(sender.participantId, "microphone").packetsReceived();
        thin.awaitFrom(sender.participantId, "microphone", MEDIA, "keeps receiving audio", i -> i.packetsReceived() > audioBefore + 100);
        assertThat(thin.from(sender.participantId, "camera").bytesReceived()).isZero();
    }

    @Test
    void aModeratorMuteStopsThatParticipantsAudioAtTheOthers() throws Exception {
        String room = erfurt.room("Mute");
        MediaPage chair = joined("gerda", room, true);
        MediaPage talker = joined("heinz", room, true);
        chair.awaitFrom(talker.participantId, "microphone", MEDIA, "receives audio", i -> i.packetsReceived() > 20);
        chair.browser.await("await window.plenum.send('moderation', 'mute', {participantId: args[0]}); return true;", talker.participantId);
        // the talker's client keeps sending; the engine drops it: the chair's audio counter stops growing
        Await.settled("the muted talker's audio at the chair", () -> chair.from(talker.participantId, "microphone").packetsReceived(),
                Duration.ofSeconds(2), MEDIA);
        long sent = talker.audioBytesSent();
        Await.until("the muted talker's browser still sending", MEDIA,
                () -> talker.audioBytesSent() > sent ? java.util.Optional.of(true) : java.util.Optional.empty());
        // video goes on
        long frames = chair.from(talker.participantId, "camera").framesDecoded();
        chair.awaitFrom(talker.participantId, "camera", MEDIA, "still decodes video", i -> i.framesDecoded() > frames + 10);
    }

    private MediaPage joined(String name, String room, boolean simulcast) {
        MediaPage page = browsersPage(name);
        page.join(run.server.url(), erfurt.ticket(name, room), name);
        page.publish(simulcast);
        return page;
    }

    private MediaPage browsersPage(String name) {
        MediaPage page = new MediaPage(browsers.start(name));
        page.open(pages.url("media/index.html"));
        return page;
    }




}
