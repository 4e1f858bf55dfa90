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
    static final String CHROME_SUBSCRIBE_ANSWER = "chrome-subscribe-answer.sdp";

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
