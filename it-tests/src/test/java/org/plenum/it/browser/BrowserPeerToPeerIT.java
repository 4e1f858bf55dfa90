package org.plenum.it.browser;

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

/**
 * The browser harness on its own, without the SFU: two Chromium pages connect peer to peer over
 * 127.0.0.1, the test carrying the SDP between them, and one sees and hears the other's fake camera and
 * microphone.
 */
class BrowserPeerToPeerIT {

    private static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(30);

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
    void receiverDecodesTheSendersFakeCameraAndMicrophone() {
        BrowserSession sender = browsers.start("sender");
        BrowserSession receiver = browsers.start("receiver");
        sender.open(pages.url("p2p.html"));
        receiver.open(pages.url("p2p.html"));

        sender.await("return window.peer.start({ send: { audio: true, video: true } });");
        receiver.await("return window.peer.start({});");
        String offer = (String) sender.await("return window.peer.offer();");
        assertThat(Sdp.candidates(offer)).as("the sender's candidates").anyMatch(c -> c.contains(" 127.0.0.1 "));
        String answer = (String) receiver.await("return window.peer.answer(args[0]);", Sdp.loopbackOnly(offer));
        Instant connecting = Instant.now();
        sender.await("return window.peer.accept(args[0]);", Sdp.loopbackOnly(answer));

        MediaStats stats = Await.until("the receiver to decode video and play audio", MEDIA_TIMEOUT, () -> {
            MediaStats s = receiver.inboundStats("window.pc");
            return s.framesDecoded() > 0 && s.maxFrameWidth() > 0 && s.totalSamplesReceived() > 0 ? Optional.of(s) : Optional.empty();
        });
        System.out.printf("browser: p2p first frame and audio %d ms after the answer, chromium started in %d/%d ms%n",
                Duration.between(connecting, Instant.now()).toMillis(), sender.startup().toMillis(), receiver.startup().toMillis());

        assertThat(stats.video()).hasSize(1);
        // the fake camera is 640 wide; a busy machine makes Chromium's encoder scale down (320, 160), never up
        assertThat(stats.maxFrameWidth()).as("decoded frame width").isBetween(160L, 640L);
        assertThat(stats.videoBytesReceived()).isPositive();
        assertThat(stats.audio()).hasSize(1);
        assertThat(stats.totalSamplesReceived()).isPositive();
        assertThat(receiver.execute("return window.pc.connectionState;")).isEqualTo("connected");
        // a moving picture: the count goes on rising
        long frames = stats.framesDecoded();
        Await.until("more frames than " + frames, MEDIA_TIMEOUT,
                () -> receiver.inboundStats("window.pc").framesDecoded() > frames ? Optional.of(true) : Optional.empty());
        // a beep, not silence
        Await.until("an audio level above 0", MEDIA_TIMEOUT,
                () -> receiver.inboundStats("window.pc").maxAudioLevel() > 0 ? Optional.of(true) : Optional.empty());

        // and the page shows it: the remote video element plays
        Await.until("the receiver's video element to play", MEDIA_TIMEOUT, () -> Boolean.TRUE.equals(receiver.execute(
                "const v = document.getElementById('remote'); return v.videoWidth > 0 && !v.paused && v.currentTime > 0;"))
                ? Optional.of(true) : Optional.empty());
        sender.screenshot("browser-p2p-sender");
        receiver.screenshot("browser-p2p-receiver");
        assertThat(receiver.consoleLog()).anyMatch(line -> line.contains("connectionState connected"));
    }
}
