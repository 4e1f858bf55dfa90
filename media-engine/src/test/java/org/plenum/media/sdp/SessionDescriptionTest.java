package org.plenum.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionDescriptionTest {

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROME_SIMULCAST, SdpFixtures.CHROME_AUDIO_ONLY, SdpFixtures.CHROME_CAMERA_SCREEN,
            SdpFixtures.CHROME_H264_ONLY})
    void serializingReproducesTheParsedTextWithCrlf(String fixture) {
        String text = SdpFixtures.text(fixture).replace("\r\n", "\n").replace("\n", "\r\n");
        assertThat(SdpFixtures.parse(fixture).toString()).isEqualTo(text);
    }

    @Test
    void acceptsBareLfLineEndings() throws SdpException {
        String lf = SdpFixtures.text(SdpFixtures.CHROME_AUDIO_ONLY).replace("\r\n", "\n");
        SessionDescription sdp = SessionDescription.parse(lf);
        assertThat(sdp.media()).hasSize(1);
        assertThat(sdp.toString()).contains("\r\n").doesNotContain("\r\r");
    }

    @Test
    void chromeSimulcastOfferHasTypedViewsOfWhatTheEngineNeeds() {
        SessionDescription sdp = SdpFixtures.parse(SdpFixtures.CHROME_SIMULCAST);
        assertThat(sdp.bundleGroups()).containsExactly(List.of("0", "1"));
        MediaSection audio = sdp.media().get(0);
        MediaSection video = sdp.media().get(1);

        assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audio.mid()).contains("0");
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(sdp.iceUfrag(audio)).contains("THV8");
        assertThat(sdp.icePwd(audio)).contains("6RsLJ1ajXUivXfAlVk8sojuI");
        assertThat(sdp.sha256Fingerprint(audio)).hasValueSatisfying(fp ->
                assertThat(fp.value()).startsWith("C7:1A:43").hasSize(95));
        assertThat(sdp.setup(audio)).contains(SetupRole.ACTPASS);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtpMaps().get(111)).isEqualTo(new RtpMap(111, "opus", 48000, 2));
        assertThat(audio.fmtp(111)).contains("minptime=10;useinbandfec=1");
        assertThat(audio.fmtpParameter(111, "useinbandfec")).contains("1");
        assertThat(audio.rtcpFeedback(111)).containsExactly("transport-cc");
        assertThat(audio.extmapId("urn:ietf:params:rtp-hdrext:ssrc-audio-level")).hasValue(1);
        assertThat(audio.ssrcs()).containsExactly(895310858L);
        assertThat(audio.msid()).hasValueSatisfying(m -> assertThat(m.trackId()).isEqualTo("0e5a33b8-7cd1-4bcc-92ef-d412512f3b84"));
        assertThat(audio.candidates()).hasSize(2).allSatisfy(c -> assertThat(c.type()).isEqualTo("host"));

        assertThat(video.rtpMaps().get(96).encodingName()).isEqualTo("VP8");
        assertThat(video.rtxFor(96)).hasValue(97);
        assertThat(video.rtcpFeedback(96)).containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
        assertThat(video.rids()).extracting(Rid::id).containsExactly("h", "m", "l");
        assertThat(video.rids()).allSatisfy(r -> assertThat(r.send()).isTrue());
        assertThat(video.simulcast()).hasValueSatisfying(s -> assertThat(s.sendRids()).containsExactly("h", "m", "l"));
        assertThat(video.extmapId("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id")).hasValue(10);
        assertThat(video.extmapId("urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id")).hasValue(11);
        assertThat(video.attributes("rtcp-xr")).containsExactly("rcvr-rtt=all");
    }

    @Test
    void screenShareWithoutSimulcastCarriesFidGroup() {
        SessionDescription sdp = SdpFixtures.parse(SdpFixtures.CHROME_CAMERA_SCREEN);
        MediaSection screen = sdp.media().get(2);
        assertThat(screen.ssrcGroup(SsrcGroup.FID)).hasValueSatisfying(g ->
                assertThat(g.ssrcs()).containsExactly(2951610430L, 624275826L));
        assertThat(screen.rids()).isEmpty();
    }
}
