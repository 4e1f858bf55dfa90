package org.plenum.media.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads SDP fixtures from test resources of this package. */
final class SdpFixtures {
    static final String CHROME_SIMULCAST = "chrome-publish-audio-video-simulcast.sdp";
    static final String CHROME_AUDIO_ONLY = "chrome-publish-audio-only.sdp";
    static final String CHROME_CAMERA_SCREEN = "chrome-publish-camera-screen.sdp";
    static final String CHROME_H264_ONLY = "chrome-publish-h264-only.sdp";
    static final String FIREFOX_SIMULCAST = "firefox-publish-audio-video-simulcast.sdp";
    /**
     * Chrome 156's answers to {@link SubscribeOffer}s for {@link #SUBSCRIBE_ROUNDS}, captured by feeding the
     * engine's offers to headless Chromium: all four tracks; after bob left; after carol took bob's m-lines.
     */
    static final String CHROME_SUBSCRIBE_ANSWER_INITIAL = "chrome-subscribe-answer-initial.sdp";
    static final String CHROME_SUBSCRIBE_ANSWER_AFTER_LEAVE = "chrome-subscribe-answer-after-leave.sdp";
    static final String CHROME_SUBSCRIBE_ANSWER_AFTER_RECYCLE = "chrome-subscribe-answer-after-recycle.sdp";

    static final ForwardedTrack ALICE_MIC = new ForwardedTrack(null, MediaKind.AUDIO, "alice", "alice-mic", 1001, 0, Codec.OPUS);
    static final ForwardedTrack ALICE_CAM = new ForwardedTrack(null, MediaKind.VIDEO, "alice", "alice-cam", 1002, 1003, Codec.VP8);
    static final ForwardedTrack BOB_MIC = new ForwardedTrack(null, MediaKind.AUDIO, "bob", "bob-mic", 2001, 0, Codec.OPUS);
    static final ForwardedTrack BOB_CAM = new ForwardedTrack(null, MediaKind.VIDEO, "bob", "bob-cam", 2002, 2003, Codec.H264);
    static final ForwardedTrack CAROL_MIC = new ForwardedTrack(null, MediaKind.AUDIO, "carol", "carol-mic", 3001, 0, Codec.OPUS);
    static final ForwardedTrack CAROL_CAM = new ForwardedTrack(null, MediaKind.VIDEO, "carol", "carol-cam", 3002, 3003, Codec.VP8);
    static final java.util.List<java.util.List<ForwardedTrack>> SUBSCRIBE_ROUNDS = java.util.List.of(
            java.util.List.of(ALICE_MIC, ALICE_CAM, BOB_MIC, BOB_CAM),
            java.util.List.of(ALICE_MIC, ALICE_CAM),
            java.util.List.of(ALICE_MIC, ALICE_CAM, CAROL_MIC, CAROL_CAM));

    static final String ENGINE_FINGERPRINT = String.join(":", java.util.Collections.nCopies(32, "A1"));

    /** The engine's side as the integrator will pass it: ICE-lite credentials, fingerprint, a UDP and a TCP candidate. */
    static LocalTransport engine() {
        return new LocalTransport("EnGn1234", "abcdefghijklmnopqrstuvwx", ENGINE_FINGERPRINT, java.util.List.of(
                "1 1 udp 2130706431 127.0.0.1 10000 typ host",
                "candidate:2 1 tcp 1518280447 127.0.0.1 10001 typ host tcptype passive"));
    }

    private SdpFixtures() {
    }

    static String text(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        try {
            return SessionDescription.parse(text(name));
        } catch (SdpException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }
}
