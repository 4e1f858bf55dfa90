package org.plenum.it.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenum.it.support.Await;
import org.plenum.it.support.browser.BrowserSession;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.LoopbackPages;
import org.plenum.it.support.browser.MediaStats;
import org.plenum.it.support.webrtc.Sdp;
import org.plenum.it.support.webrtc.WeriftPeer;

/**
 * The werift harness against a real browser, without the SFU: werift and Chromium connect peer to peer
 * over 127.0.0.1 in both directions, and what one sends the other really receives (and Chromium decodes).
 */
class WeriftChromiumIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private static LoopbackPages pages;

    @BeforeAll
    static void servePages() {
        pages = LoopbackPages.start();
    }

    @AfterAll
    static void stopPages() {
        pages.close();
    }

    @Test
    void chromiumDecodesWhatWeriftPublishes() {
        BrowserSession chromium = browsers.start("chromium-receiver");
        chromium.open(pages.url("p2p.html"));
        try (WeriftPeer werift = WeriftPeer.start("werift-publisher")) {
            System.out.println("werift: " + werift.versions());
            werift.publish("pub", true, true);
            chromium.await("return window.peer.start({});");
            String offer = werift.createOffer("pub");
            assertThat(Sdp.candidates(offer)).as("werift's candidates").isNotEmpty().allMatch(c -> c.contains(" 127.0.0.1 "));
            String answer = (String) chromium.await("return window.peer.answer(args[0]);", offer);
            Instant connecting = Instant.now();
            werift.setRemoteDescription("pub", "answer", Sdp.loopbackOnly(answer));
            werift.awaitConnectionState("pub", "connected", TIMEOUT);

            MediaStats stats = Await.until("Chromium to decode werift's VP8 and Opus", TIMEOUT, () -> {
                MediaStats s = chromium.inboundStats("window.pc");
                return s.framesDecoded() > 0 && s.totalSamplesReceived() > 0 ? Optional.of(s) : Optional.empty();
            });
            System.out.printf("werift: Chromium decoded werift's first frame %d ms after the answer%n", Duration.between(connecting, Instant.now()).toMillis());
            assertThat(stats.maxFrameWidth()).as("the width of werift's key frame").isEqualTo(160);
            assertThat(stats.video().getFirst().frameHeight()).isEqualTo(120);
            WeriftPeer.Stats sent = werift.stats("pub");
            assertThat(sent.sent()).extracting(WeriftPeer.Sent::kind).containsExactlyInAnyOrder("audio", "video");
            assertThat(sent.sent()).allMatch(s -> s.packets() > 0);
            chromium.screenshot("werift-to-chromium");
        }
    }

    @Test
    void weriftReceivesChromiumsCameraAndMicrophoneWithoutGaps() {
        BrowserSession chromium = browsers.start("chromium-sender");
        chromium.open(pages.url("p2p.html"));
        try (WeriftPeer werift = WeriftPeer.start("werift-subscriber")) {
            werift.subscribe("sub", false, false);
            chromium.await("return window.peer.start({ send: { audio: true, video: true } });");
            String offer = (String) chromium.await("return window.peer.offer();");
            werift.setRemoteDescription("sub", "offer", Sdp.loopbackOnly(offer));
            String answer = werift.createAnswer("sub");
            assertThat(Sdp.candidates(answer)).isNotEmpty().allMatch(c -> c.contains(" 127.0.0.1 "));
            chromium.await("return window.peer.accept(args[0]);", answer);
            werift.awaitConnectionState("sub", "connected", TIMEOUT);

            WeriftPeer.Stats stats = Await.until("werift to receive 50 audio and 50 video packets", TIMEOUT, () -> {
                WeriftPeer.Stats s = werift.stats("sub");
                return s.packetsReceived("audio") >= 50 && s.packetsReceived("video") >= 50 ? Optional.of(s) : Optional.empty();
            });
            for (String kind : new String[] {"audio", "video"}) {
                WeriftPeer.Received r = stats.received(kind).orElseThrow();
                assertThat(r.decrypted()).as(kind + " packets through SRTP").isEqualTo(r.packets());
                assertThat(r.bytes()).isPositive();
                assertThat(r.missing()).as(kind + " sequence numbers missing between %d and %d", r.firstSeq(), r.lastSeq()).isZero();
                assertThat(r.duplicates()).isZero();
            }
            assertThat(stats.received("video").orElseThrow().markers()).as("complete video frames").isPositive();
            chromium.screenshot("chromium-to-werift");
        }
    }
}
