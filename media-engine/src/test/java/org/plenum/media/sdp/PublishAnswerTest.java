package org.plenum.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublishAnswerTest {

    private static PublishAnswer answer(String fixture) throws SdpException {
        return PublishAnswer.build(SdpFixtures.parse(fixture), SdpFixtures.engine());
    }

    @Test
    void chromeSimulcastOfferIsAnsweredRecvonlyWithOpusVp8AndSimulcastRecv() throws SdpException {
        PublishAnswer result = answer(SdpFixtures.CHROME_SIMULCAST);
        SessionDescription answer = result.answer();

        assertThat(answer.iceLite()).isTrue();
        assertThat(answer.bundleGroups()).containsExactly(List.of("0", "1"));
        assertThat(answer.attributes("extmap-allow-mixed")).hasSize(1);

        MediaSection audio = answer.media().get(0);
        assertThat(audio.mediaLine().formats()).containsExactly("111");
        assertThat(audio.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(audio.fmtp(111)).contains("minptime=10;useinbandfec=1");
        assertThat(audio.rtcpFeedback(111)).containsExactly("transport-cc");
        assertThat(audio.extmaps()).extracting(Extmap::id, Extmap::uri).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, RtpExtension.AUDIO_LEVEL.uri()),
                org.assertj.core.groups.Tuple.tuple(2, RtpExtension.ABS_SEND_TIME.uri()),
                org.assertj.core.groups.Tuple.tuple(3, RtpExtension.TRANSPORT_CC.uri()),
                org.assertj.core.groups.Tuple.tuple(4, RtpExtension.MID.uri()));

        MediaSection video = answer.media().get(1);
        assertThat(video.mediaLine().formats()).containsExactly("96", "97");
        assertThat(video.rtpMaps().get(96).encodingName()).isEqualTo("VP8");
        assertThat(video.rtxFor(96)).hasValue(97);
        assertThat(video.rtcpFeedback(96)).containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
        assertThat(video.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(video.rids()).extracting(Rid::id, Rid::send).containsExactly(
                org.assertj.core.groups.Tuple.tuple("h", false), org.assertj.core.groups.Tuple.tuple("m", false),
                org.assertj.core.groups.Tuple.tuple("l", false));
        assertThat(video.attributes("simulcast")).containsExactly("recv h;m;l");
        assertThat(video.extmapId(RtpExtension.RID.uri())).hasValue(10);
        assertThat(video.extmapId(RtpExtension.REPAIRED_RID.uri())).hasValue(11);
        assertThat(video.extmapId(RtpExtension.AUDIO_LEVEL.uri())).isEmpty();
        assertThat(video.extmapId("urn:3gpp:video-orientation")).as("not used by the engine").isEmpty();
        assertThat(video.ssrcAttributes()).isEmpty();
    }

    @Test
    void everyAcceptedMlineCarriesTheEngineTransport() throws SdpException {
        SessionDescription answer = answer(SdpFixtures.CHROME_CAMERA_SCREEN).answer();
        assertThat(answer.media()).hasSize(3).allSatisfy(m -> {
            assertThat(m.iceUfrag()).contains("EnGn1234");
            assertThat(m.icePwd()).contains("abcdefghijklmnopqrstuvwx");
            assertThat(m.fingerprints()).containsExactly(new Fingerprint("sha-256", SdpFixtures.ENGINE_FINGERPRINT));
            assertThat(m.setup()).contains(SetupRole.PASSIVE);
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.candidates()).extracting(Candidate::transport, Candidate::port)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("udp", 10000), org.assertj.core.groups.Tuple.tuple("tcp", 10001));
            assertThat(m.endOfCandidates()).isTrue();
        });
    }

    @Test
    void publishedTracksDescribeWhatWillArrive() throws SdpException {
        PublishedTracks tracks = answer(SdpFixtures.CHROME_SIMULCAST).tracks();
        assertThat(tracks.remote().iceUfrag()).isEqualTo("THV8");
        assertThat(tracks.remote().icePwd()).isEqualTo("6RsLJ1ajXUivXfAlVk8sojuI");
        assertThat(tracks.remote().fingerprintSha256()).startsWith("C7:1A:43");
        assertThat(tracks.remote().setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(tracks.rejected()).isEmpty();

        PublishedTrack audio = tracks.byMid("0").orElseThrow();
        assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audio.codec()).isEqualTo(new NegotiatedCodec(Codec.OPUS, 111, OptionalInt.empty(), "minptime=10;useinbandfec=1"));
        assertThat(audio.ssrcStreams()).containsExactly(new SsrcStream(895310858L, OptionalLong.empty()));
        assertThat(audio.extensions()).isEqualTo(new ExtensionIds(4, 0, 0, 1, 2, 3));
        assertThat(audio.isSimulcast()).isFalse();

        PublishedTrack video = tracks.byMid("1").orElseThrow();
        assertThat(video.codec().codec()).isEqualTo(Codec.VP8);
        assertThat(video.codec().payloadType()).isEqualTo(96);
        assertThat(video.codec().rtxPayloadType()).hasValue(97);
        assertThat(video.rids()).containsExactly("h", "m", "l");
        assertThat(video.ssrcStreams()).as("Chrome announces no ssrcs with rid simulcast").isEmpty();
        assertThat(video.isSimulcast()).isTrue();
        assertThat(video.extensions()).isEqualTo(new ExtensionIds(4, 10, 11, 0, 2, 3));
        assertThat(video.msid()).hasValueSatisfying(m -> assertThat(m.streamId()).isEqualTo("41a8af20-f868-41e0-a7dc-522e4397b00e"));
    }

    @Test
    void audioOnlyOfferGivesOneTrack() throws SdpException {
        PublishAnswer result = answer(SdpFixtures.CHROME_AUDIO_ONLY);
        assertThat(result.tracks().tracks()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(MediaKind.AUDIO);
            assertThat(t.codec().codec()).isEqualTo(Codec.OPUS);
        });
        assertThat(result.answer().bundleGroups()).containsExactly(List.of("0"));
    }

    @Test
    void screenShareTrackKeepsItsFidSsrcsAndSourceHint() throws SdpException {
        SessionDescription offer = SdpFixtures.parse(SdpFixtures.CHROME_CAMERA_SCREEN);
        String screenTrackId = offer.media().get(2).msid().orElseThrow().trackId();
        PublishAnswer result = PublishAnswer.build(offer, SdpFixtures.engine(), PublishOptions.defaults()
                .withSourceHints(Map.of("0", TrackSource.MICROPHONE, "1", TrackSource.CAMERA, screenTrackId, TrackSource.SCREEN)));

        assertThat(result.tracks().tracks()).extracting(PublishedTrack::source)
                .containsExactly(TrackSource.MICROPHONE, TrackSource.CAMERA, TrackSource.SCREEN);
        PublishedTrack screen = result.tracks().byMid("2").orElseThrow();
        assertThat(screen.rids()).isEmpty();
        assertThat(screen.ssrcStreams()).containsExactly(new SsrcStream(2951610430L, OptionalLong.of(624275826L)));
        assertThat(screen.isSimulcast()).isFalse();
        assertThat(result.answer().media().get(2).attributes("simulcast")).isEmpty();
    }

    @Test
    void h264OnlyOfferIsAnsweredWithPacketizationModeOneConstrainedBaseline() throws SdpException {
        PublishAnswer result = answer(SdpFixtures.CHROME_H264_ONLY);
        PublishedTrack video = result.tracks().byMid("1").orElseThrow();
        assertThat(video.codec().codec()).isEqualTo(Codec.H264);
        assertThat(video.codec().payloadType()).isEqualTo(108);
        assertThat(video.codec().rtxPayloadType()).hasValue(109);
        assertThat(video.codec().fmtp()).contains("packetization-mode=1").contains("profile-level-id=42e01f");

        MediaSection answered = result.answer().media().get(1);
        assertThat(answered.mediaLine().formats()).containsExactly("108", "109");
        assertThat(answered.fmtp(108)).contains("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
        assertThat(answered.fmtp(109)).contains("apt=108");
    }

    @Test
    void h264CanBePreferredOverVp8() throws SdpException {
        PublishAnswer result = PublishAnswer.build(SdpFixtures.parse(SdpFixtures.CHROME_SIMULCAST), SdpFixtures.engine(),
                PublishOptions.defaults().withVideoCodecs(List.of(Codec.H264, Codec.VP8)));
        assertThat(result.tracks().byMid("1").orElseThrow().codec().codec()).isEqualTo(Codec.H264);
    }

    @Test
    void firefoxOfferWithSessionLevelFingerprintAndSsrcPerLayer() throws SdpException {
        PublishAnswer result = answer(SdpFixtures.FIREFOX_SIMULCAST);
        PublishedTracks tracks = result.tracks();
        assertThat(tracks.remote().fingerprintSha256()).startsWith("6B:8B:5D");
        assertThat(tracks.remote().iceUfrag()).isEqualTo("8a1f0c2b");

        PublishedTrack video = tracks.byMid("1").orElseThrow();
        assertThat(video.codec()).isEqualTo(new NegotiatedCodec(Codec.VP8, 120, OptionalInt.of(124), "max-fs=12288;max-fr=60"));
        assertThat(video.rids()).containsExactly("h", "m", "l");
        assertThat(video.ssrcStreams()).containsExactly(
                new SsrcStream(2521412581L, OptionalLong.of(1016585264L)),
                new SsrcStream(640129373L, OptionalLong.of(3781934206L)),
                new SsrcStream(1906416474L, OptionalLong.of(4057398821L)));
        assertThat(video.extensions()).isEqualTo(new ExtensionIds(3, 8, 9, 0, 4, 7));

        MediaSection answeredAudio = result.answer().media().get(0);
        assertThat(answeredAudio.mediaLine().formats()).containsExactly("109");
        assertThat(answeredAudio.extmaps()).extracting(Extmap::uri)
                .as("csrc-audio-level is not ours").doesNotContain("urn:ietf:params:rtp-hdrext:csrc-audio-level");
        assertThat(result.answer().attributes("extmap-allow-mixed")).as("Firefox did not offer it").isEmpty();
    }

    @Test
    void extmapWithDirectionIsAnsweredWithTheReverseDirection() throws SdpException {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_AUDIO_ONLY)
                .replace("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=extmap:1/sendonly urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        SessionDescription answer = PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine()).answer();
        assertThat(answer.media().getFirst().extmaps().getFirst()).isEqualTo(
                new Extmap(1, Direction.RECVONLY, RtpExtension.AUDIO_LEVEL.uri(), ""));
    }

    @Test
    void transportCcCanBeLeftOutForEnginesThatOnlySendRemb() throws SdpException {
        PublishAnswer result = PublishAnswer.build(SdpFixtures.parse(SdpFixtures.CHROME_SIMULCAST), SdpFixtures.engine(),
                PublishOptions.defaults().withTransportWideCc(false));
        MediaSection video = result.answer().media().get(1);
        assertThat(video.rtcpFeedback(96)).containsExactly("goog-remb", "ccm fir", "nack", "nack pli");
        assertThat(video.extmapId(RtpExtension.TRANSPORT_CC.uri())).isEmpty();
        assertThat(result.tracks().byMid("1").orElseThrow().extensions().transportCc()).isEqualTo(ExtensionIds.NONE);
    }

    @Test
    void videoWithoutSupportedCodecIsRejectedWithPortZeroAndAReason() throws SdpException {
        String offer = """
                v=0
                o=- 1 2 IN IP4 127.0.0.1
                s=-
                t=0 0
                a=group:BUNDLE 0 1
                m=audio 9 UDP/TLS/RTP/SAVPF 111
                c=IN IP4 0.0.0.0
                a=ice-ufrag:abcd
                a=ice-pwd:abcdefghijklmnopqrstuv
                a=fingerprint:sha-256 %s
                a=setup:actpass
                a=mid:0
                a=sendonly
                a=rtcp-mux
                a=rtpmap:111 opus/48000/2
                m=video 9 UDP/TLS/RTP/SAVPF 98 99
                c=IN IP4 0.0.0.0
                a=mid:1
                a=sendonly
                a=rtcp-mux
                a=rtpmap:98 VP9/90000
                a=rtpmap:99 AV1/90000
                """.formatted(SdpFixtures.ENGINE_FINGERPRINT);
        PublishAnswer result = PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine());
        MediaSection rejected = result.answer().media().get(1);
        assertThat(rejected.isRejected()).isTrue();
        assertThat(rejected.mid()).contains("1");
        assertThat(result.answer().bundleGroups()).containsExactly(List.of("0"));
        assertThat(result.tracks().tracks()).extracting(PublishedTrack::mid).containsExactly("0");
        assertThat(result.tracks().rejected()).singleElement().satisfies(r -> {
            assertThat(r.mid()).isEqualTo("1");
            assertThat(r.reason()).contains("no supported video codec").contains("VP9").contains("AV1");
        });
    }

    @Test
    void h264WithOnlyPacketizationModeZeroIsRejected() throws SdpException {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_H264_ONLY).replace("packetization-mode=1", "packetization-mode=0");
        PublishAnswer result = PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine());
        assertThat(result.tracks().rejected()).singleElement().satisfies(r -> assertThat(r.reason()).contains("H264 packetization-mode=1"));
    }

    @Test
    void dataChannelMlineIsRejected() throws SdpException {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_AUDIO_ONLY).replace("a=group:BUNDLE 0", "a=group:BUNDLE 0 1")
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=sctp-port:5000\r\n";
        PublishAnswer result = PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine());
        assertThat(result.answer().media().get(1).mediaLine().value()).isEqualTo("application 0 UDP/DTLS/SCTP webrtc-datachannel");
        assertThat(result.tracks().rejected()).singleElement().satisfies(r -> assertThat(r.reason()).contains("data channels"));
    }

    @Test
    void recvonlyMlineIsAnsweredInactiveAndPublishesNothing() throws SdpException {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_AUDIO_ONLY).replace("a=sendonly", "a=recvonly");
        PublishAnswer result = PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine());
        assertThat(result.answer().media().getFirst().direction()).isEqualTo(Direction.INACTIVE);
        assertThat(result.tracks().tracks()).isEmpty();
    }

    @Test
    void answerSurvivesItsOwnParser() throws SdpException {
        SessionDescription answer = answer(SdpFixtures.CHROME_CAMERA_SCREEN).answer();
        assertThat(SessionDescription.parse(answer.toString()).toString()).isEqualTo(answer.toString());
    }

    @Test
    void reAnswerKeepsTheSessionIdAndRaisesTheVersion() throws SdpException {
        SessionDescription offer = SdpFixtures.parse(SdpFixtures.CHROME_SIMULCAST);
        String first = PublishAnswer.build(offer, SdpFixtures.engine()).answer().sessionLines().get(1).value();
        String second = PublishAnswer.build(offer, SdpFixtures.engine(), PublishOptions.defaults().withSessionVersion(2))
                .answer().sessionLines().get(1).value();
        assertThat(first.split(" ")[1]).isEqualTo(second.split(" ")[1]);
        assertThat(first.split(" ")[2]).isEqualTo("1");
        assertThat(second.split(" ")[2]).isEqualTo("2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=ice-ufrag:THV8\r\n", "a=ice-pwd:6RsLJ1ajXUivXfAlVk8sojuI\r\n"})
    void offerWithoutIceCredentialsFails(String removed) {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_SIMULCAST).replace(removed, "");
        assertThatThrownBy(() -> PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine()))
                .isInstanceOf(SdpException.class).hasMessageContaining(removed.substring(2, 9)).hasMessageContaining("publish offer");
    }

    @Test
    void offerWithoutSha256FingerprintFails() {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_AUDIO_ONLY).replaceAll("a=fingerprint:sha-256 [0-9A-F:]+\r\n", "");
        assertThatThrownBy(() -> PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine()))
                .isInstanceOf(SdpException.class).hasMessageContaining("a=fingerprint:sha-256");
    }

    @Test
    void offerWithoutBundleFails() {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_AUDIO_ONLY).replace("a=group:BUNDLE 0\r\n", "");
        assertThatThrownBy(() -> PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine()))
                .isInstanceOf(SdpException.class).hasMessageContaining("BUNDLE").hasMessageContaining("max-bundle");
    }

    @Test
    void offerWithPassiveSetupFails() {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_AUDIO_ONLY).replace("a=setup:actpass", "a=setup:passive");
        assertThatThrownBy(() -> PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine()))
                .isInstanceOf(SdpException.class).hasMessageContaining("setup:passive");
    }

    @Test
    void offerWithoutMidFails() {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_AUDIO_ONLY).replace("a=mid:0\r\n", "").replace("a=group:BUNDLE 0\r\n", "a=group:BUNDLE\r\n");
        assertThatThrownBy(() -> PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine()))
                .isInstanceOf(SdpException.class).hasMessageContaining("no a=mid");
    }
    @Test
    void pausedAndAlternativeRidsAreAnsweredAndTheFirstAlternativeNamesTheLayer() throws SdpException {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_SIMULCAST)
                .replace("a=rid:l send\r\n", "a=rid:l send\r\na=rid:l2 send\r\n")
                .replace("a=simulcast:send h;m;l", "a=simulcast:send h;~m;l,l2;x");
        PublishAnswer result = PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine());
        MediaSection video = result.answer().media().get(1);
        assertThat(video.attributes("simulcast")).as("undeclared rid x dropped").containsExactly("recv h;~m;l,l2");
        assertThat(video.rids()).extracting(Rid::id).containsExactly("h", "m", "l", "l2");
        assertThat(result.tracks().byMid("1").orElseThrow().rids()).containsExactly("h", "m", "l");
    }

    @Test
    void legacySsrcSimulcastIsReportedLowestLayerFirstWithRtxPartners() throws SdpException {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_CAMERA_SCREEN).replace("a=ssrc-group:FID 2951610430 624275826\r\n", """
                a=ssrc-group:SIM 11 22 33\r
                a=ssrc-group:FID 11 111\r
                a=ssrc-group:FID 22 222\r
                a=ssrc-group:FID 33 333\r
                a=ssrc:11 cname:x\r
                a=ssrc:111 cname:x\r
                a=ssrc:22 cname:x\r
                a=ssrc:222 cname:x\r
                a=ssrc:33 cname:x\r
                a=ssrc:333 cname:x\r
                a=ssrc-group:FID 2951610430 624275826\r
                """).replace("a=ssrc:2951610430", "a=x-ignored:2951610430").replace("a=ssrc:624275826", "a=x-ignored:624275826")
                .replace("a=ssrc-group:FID 2951610430 624275826\r\n", "");
        PublishedTrack screen = PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine()).tracks().byMid("2").orElseThrow();
        assertThat(screen.ssrcStreams()).containsExactly(new SsrcStream(11, OptionalLong.of(111)),
                new SsrcStream(22, OptionalLong.of(222)), new SsrcStream(33, OptionalLong.of(333)));
        assertThat(screen.isSimulcast()).isTrue();
    }

    @Test
    void ridSimulcastWithoutTheRidHeaderExtensionIsRejected() throws SdpException {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_SIMULCAST)
                .replace("a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n", "");
        PublishAnswer result = PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine());
        assertThat(result.answer().media().get(1).isRejected()).isTrue();
        assertThat(result.tracks().rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("rtp-stream-id"));
    }

    @Test
    void mlineWithoutRtcpMuxIsRejected() throws SdpException {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_SIMULCAST);
        int video = offer.indexOf("m=video");
        offer = offer.substring(0, video) + offer.substring(video).replace("a=rtcp-mux\r\n", "");
        PublishAnswer result = PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine());
        assertThat(result.tracks().rejected()).singleElement().satisfies(r -> {
            assertThat(r.mid()).isEqualTo("1");
            assertThat(r.reason()).contains("rtcp-mux");
        });
    }

    @Test
    void bundledMlinesWithDifferentIceCredentialsFail() {
        String offer = SdpFixtures.text(SdpFixtures.CHROME_SIMULCAST);
        int video = offer.indexOf("m=video");
        String changed = offer.substring(0, video) + offer.substring(video).replace("a=ice-ufrag:THV8", "a=ice-ufrag:OTHR");
        assertThatThrownBy(() -> PublishAnswer.build(SessionDescription.parse(changed), SdpFixtures.engine()))
                .isInstanceOf(SdpException.class).hasMessageContaining("other ICE credentials").hasMessageContaining("BUNDLE");
    }

    @Test
    void stoppedMlineInAReofferIsAnsweredWithPortZero() throws SdpException {
        String text = SdpFixtures.text(SdpFixtures.CHROME_CAMERA_SCREEN);
        int screen = text.lastIndexOf("m=video 9 ");
        String offer = text.substring(0, screen) + "m=video 0 " + text.substring(screen + "m=video 9 ".length());
        PublishAnswer result = PublishAnswer.build(SessionDescription.parse(offer), SdpFixtures.engine(),
                PublishOptions.defaults().withSessionVersion(2));
        assertThat(result.tracks().rejected()).extracting(RejectedMedia::reason).containsExactly("stopped by the offerer (port 0)");
        assertThat(result.tracks().rejected()).extracting(RejectedMedia::mid).containsExactly("2");
        assertThat(result.tracks().tracks()).hasSize(2);
        assertThat(result.answer().bundleGroups()).containsExactly(List.of("0", "1"));
    }
}
