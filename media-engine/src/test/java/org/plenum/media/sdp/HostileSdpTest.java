package org.plenum.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Untrusted SDP from a browser or an attacker: every problem is an SdpException with a message naming it. */
class HostileSdpTest {

    private static final String AUDIO = SdpFixtures.text(SdpFixtures.CHROME_AUDIO_ONLY);

    private static String audioWith(String original, String replacement) {
        assertThat(AUDIO).contains(original);
        return AUDIO.replace(original, replacement);
    }

    @Test
    void oversizedSdpIsRefusedBeforeParsing() {
        String huge = AUDIO + "a=x-padding:" + "x".repeat(SdpLimits.DEFAULT.maxChars()) + "\r\n";
        assertThatThrownBy(() -> SessionDescription.parse(huge))
                .isInstanceOf(SdpException.class).hasMessageContaining("more than the limit of 131072");
    }

    @Test
    void tooManyLinesAreRefused() {
        String many = AUDIO + "a=x\r\n".repeat(SdpLimits.DEFAULT.maxLines());
        assertThatThrownBy(() -> SessionDescription.parse(many))
                .isInstanceOf(SdpException.class).hasMessageContaining("more than 8192 lines");
    }

    @Test
    void tooManyMlinesAreRefused() {
        StringBuilder sb = new StringBuilder("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n");
        for (int i = 0; i < 65; i++) {
            sb.append("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:").append(i).append("\r\n");
        }
        assertThatThrownBy(() -> SessionDescription.parse(sb.toString()))
                .isInstanceOf(SdpException.class).hasMessageContaining("line 133").hasMessageContaining("more than 64 m-lines");
    }

    @Test
    void smallerLimitsCanBeGiven() {
        assertThatThrownBy(() -> SessionDescription.parse(AUDIO, new SdpLimits(1000, 100, 4, 200)))
                .isInstanceOf(SdpException.class).hasMessageContaining("limit of 1000");
    }

    @Test
    void overlongLineIsRefused() {
        String sdp = audioWith("a=rtcp-mux\r\n", "a=rtcp-mux\r\na=x-long:" + "y".repeat(5000) + "\r\n");
        assertThatThrownBy(() -> SessionDescription.parse(sdp))
                .isInstanceOf(SdpException.class).hasMessageContaining("line 24 is 5009 characters, more than the limit of 4096");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "o=- 1 1 IN IP4 0.0.0.0\r\nv=0\r\n", "v=1\r\n", " v=0\r\n", "\u0000\u0001\u0002", "hello"})
    void sdpThatDoesNotStartWithVersionZeroIsRefused(String text) {
        assertThatThrownBy(() -> SessionDescription.parse(text))
                .isInstanceOf(SdpException.class).hasMessageMatching("(?s).*(v=0|SDP is empty).*");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> SessionDescription.parse(null)).isInstanceOf(SdpException.class);
    }

    /** Each case replaces the first line matching a pattern in a Chrome audio offer. */
    static Stream<Arguments> malformedLines() {
        return Stream.of(
            Arguments.of("^m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126$", "m=audio 9 UDP/TLS/RTP/SAVPF 111 300", "payload type 300 outside 0..127"),
            Arguments.of("^m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126$", "m=audio 9 UDP/TLS/RTP/SAVPF 111 abc", "payload type 'abc' is not a number"),
            Arguments.of("^m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126$", "m=audio 9 UDP/TLS/RTP/SAVPF 111 -1", "payload type '-1' is not a number"),
            Arguments.of("^m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126$", "m=audio 9 UDP/TLS/RTP/SAVPF 111 111", "payload type 111 listed twice"),
            Arguments.of("^m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126$", "m=audio 99999 UDP/TLS/RTP/SAVPF 111", "port 99999 outside 0..65535"),
            Arguments.of("^m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126$", "m=audio 9", "m-line needs"),
            Arguments.of("^a=rtpmap:111 opus/48000/2$", "a=rtpmap:1111 opus/48000/2", "payload type 1111 outside 0..127"),
            Arguments.of("^a=rtpmap:111 opus/48000/2$", "a=rtpmap:111 opus", "rtpmap needs"),
            Arguments.of("^a=rtpmap:111 opus/48000/2$", "a=rtpmap:111 opus/48000/2\r\na=rtpmap:111 opus/48000/2", "second rtpmap for payload type 111"),
            Arguments.of("^a=rtpmap:126 telephone-event/8000$", "a=rtpmap:127 telephone-event/8000", "rtpmap for payload type 127 which the m-line does not list"),
            Arguments.of("^a=fmtp:111 minptime=10;useinbandfec=1$", "a=fmtp:99999999999 x=1", "not a number"),
            Arguments.of("^a=rtcp-fb:111 transport-cc$", "a=rtcp-fb:x transport-cc", "payload type 'x' is not a number"),
            Arguments.of("^a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level$", "a=extmap:0 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "extmap id 0 outside 1..255"),
            Arguments.of("^a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level$", "a=extmap:256 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "extmap id 256 outside 1..255"),
            Arguments.of("^a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level$", "a=extmap:2 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "extmap id 2 already used"),
            Arguments.of("^a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level$", "a=extmap:1/sideways urn:x", "extmap direction 'sideways' is unknown"),
            Arguments.of("^a=mid:0$", "a=mid:0\r\na=mid:1", "second a=mid"),
            Arguments.of("^a=mid:0$", "a=mid:a b", "mid must be a token"),
            Arguments.of("^a=sendonly$", "a=sendonly\r\na=recvonly", "second direction"),
            Arguments.of("^a=ice-ufrag:.*$", "a=ice-ufrag:ab<>", "ice-ufrag must be 4-256"),
            Arguments.of("^a=ice-pwd:.*$", "a=ice-pwd:short", "ice-pwd must be 22-256"),
            Arguments.of("^a=fingerprint:sha-256 .*$", "a=fingerprint:sha-256 ZZ:11 ", "fingerprint value is not colon-separated hex"),
            Arguments.of("^a=setup:actpass$", "a=setup:sometimes", "setup must be actpass"),
            Arguments.of("^a=msid:.*$", "a=msid:a b c ", "msid needs"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\na=ssrc:4294967296 cname:x", "ssrc 4294967296 outside 0..4294967295"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\na=ssrc-group:SIM", "ssrc-group needs"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\na=ssrc-group:FID 1 2 3", "FID needs exactly two"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\na=rid:h send\r\na=rid:h send", "rid h declared twice"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\na=rid:h/x send", "rid id 'h/x'"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\na=simulcast:send h;;l", "simulcast rid '' is not a valid rid id"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\na=simulcast:up h", "simulcast direction must be send or recv"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\na=candidate:1 1 udp x 1.2.3.4 5 typ host", "candidate priority 'x'"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\nv=0", "second v= line"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\nA=b", "is not '<letter>=<value>'"),
            Arguments.of("^a=rtcp-mux$", "a=rtcp-mux\r\nnonsense", "is not '<letter>=<value>'"));
    }

    @ParameterizedTest
    @MethodSource("malformedLines")
    void malformedLineIsNamedInTheMessage(String linePattern, String replacement, String expected) {
        Matcher m = Pattern.compile(linePattern, Pattern.MULTILINE).matcher(AUDIO.replace("\r\n", "\n"));
        assertThat(m.find()).as("fixture has a line matching %s", linePattern).isTrue();
        String sdp = m.replaceFirst(Matcher.quoteReplacement(replacement.replace("\r\n", "\n")));
        assertThatThrownBy(() -> SessionDescription.parse(sdp))
                .isInstanceOf(SdpException.class).hasMessageContaining(expected).hasMessageContaining("line ");
    }

    @Test
    void messageGivesTheLineNumberAndText() {
        String sdp = audioWith("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=extmap:300 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        assertThatThrownBy(() -> SessionDescription.parse(sdp)).isInstanceOf(SdpException.class)
                .hasMessage("line 17 'a=extmap:300 urn:ietf:params:rtp-hdrext:ssrc-audio-level': extmap id 300 outside 1..255");
    }

    @Test
    void controlCharactersAreRefusedAndNotEchoed() {
        String sdp = audioWith("a=rtcp-mux", "a=rtcp-mux\r\na=x-evil:\u001b[31mred\u0000");
        assertThatThrownBy(() -> SessionDescription.parse(sdp)).isInstanceOf(SdpException.class)
                .hasMessageContaining("control character 0x1b").message().doesNotContain("\u001b").doesNotContain("\u0000");
    }

    @Test
    void duplicateMidsAcrossMlinesAreRefused() {
        String sdp = SdpFixtures.text(SdpFixtures.CHROME_SIMULCAST).replace("a=mid:1\r\n", "a=mid:0\r\n").replace("BUNDLE 0 1", "BUNDLE 0");
        assertThatThrownBy(() -> SessionDescription.parse(sdp))
                .isInstanceOf(SdpException.class).hasMessageContaining("mid '0' is used by two m-lines");
    }

    @Test
    void bundleNamingAnUnknownMidIsRefused() {
        String sdp = audioWith("a=group:BUNDLE 0", "a=group:BUNDLE 0 7");
        assertThatThrownBy(() -> SessionDescription.parse(sdp))
                .isInstanceOf(SdpException.class).hasMessageContaining("BUNDLE names mid '7'");
    }

    @Test
    void sessionLevelProblemNamesItsLine() {
        String sdp = audioWith("a=extmap-allow-mixed", "a=extmap-allow-mixed\r\na=fingerprint:sha-256 AB");
        assertThatThrownBy(() -> SessionDescription.parse(sdp))
                .isInstanceOf(SdpException.class).hasMessageStartingWith("line 7 'a=fingerprint:sha-256 AB'");
    }

    @Test
    void blankLinesAreTolerated() throws SdpException {
        SessionDescription sdp = SessionDescription.parse(audioWith("a=rtcp-mux\r\n", "a=rtcp-mux\r\n\r\n\r\n"));
        assertThat(sdp.media().getFirst().rtcpMux()).isTrue();
    }

    @Test
    void everyTruncationEitherParsesOrFailsWithSdpException() {
        String sdp = SdpFixtures.text(SdpFixtures.CHROME_CAMERA_SCREEN);
        for (int cut = 0; cut <= sdp.length(); cut += 7) {
            assertParsesOrFailsCleanly(sdp.substring(0, cut));
        }
    }

    @Test
    void randomCorruptionEitherParsesOrFailsWithSdpException() {
        String sdp = SdpFixtures.text(SdpFixtures.CHROME_SIMULCAST);
        Random random = new Random(20261129);
        String alphabet = " :;/=\r\n-~0123456789abcxyzABC\u0000\u00ff\u2028{}";
        for (int round = 0; round < 2000; round++) {
            char[] chars = sdp.toCharArray();
            int mutations = 1 + random.nextInt(8);
            for (int i = 0; i < mutations; i++) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            assertParsesOrFailsCleanly(new String(chars));
        }
    }

    private static void assertParsesOrFailsCleanly(String text) {
        try {
            SessionDescription parsed = SessionDescription.parse(text);
            // Whatever parses must also answer or fail cleanly.
            PublishAnswer.build(parsed, SdpFixtures.engine());
        } catch (SdpException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
