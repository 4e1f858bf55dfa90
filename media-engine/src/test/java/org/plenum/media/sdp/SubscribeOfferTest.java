package org.plenum.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.media.sdp.SdpFixtures.ALICE_CAM;
import static org.plenum.media.sdp.SdpFixtures.ALICE_MIC;
import static org.plenum.media.sdp.SdpFixtures.BOB_CAM;
import static org.plenum.media.sdp.SdpFixtures.BOB_MIC;
import static org.plenum.media.sdp.SdpFixtures.CAROL_CAM;
import static org.plenum.media.sdp.SdpFixtures.CAROL_MIC;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscribeOfferTest {

    private static SubscribeOffer initial(List<ForwardedTrack> tracks) {
        return SubscribeOffer.initial(SdpFixtures.engine(), tracks);
    }

    private static List<String> mids(SubscribeOffer offer) {
        return offer.sdp().media().stream().map(m -> m.mid().orElseThrow()).toList();
    }

    @Test
    void offerIsIceLiteActpassAndBundlesEveryMline() {
        SessionDescription sdp = initial(List.of(ALICE_MIC, ALICE_CAM, BOB_MIC, BOB_CAM)).sdp();
        assertThat(sdp.iceLite()).isTrue();
        assertThat(sdp.bundleGroups()).containsExactly(List.of("0", "1", "2", "3"));
        assertThat(sdp.media()).allSatisfy(m -> {
            assertThat(m.mediaLine().protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
            assertThat(m.direction()).isEqualTo(Direction.SENDONLY);
            assertThat(m.setup()).contains(SetupRole.ACTPASS);
            assertThat(m.iceUfrag()).contains("EnGn1234");
            assertThat(m.icePwd()).contains("abcdefghijklmnopqrstuvwx");
            assertThat(m.fingerprints()).containsExactly(new Fingerprint("sha-256", SdpFixtures.ENGINE_FINGERPRINT));
            assertThat(m.candidates()).hasSize(2);
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.extmapId(RtpExtension.MID.uri())).hasValue(4);
            assertThat(m.extmapId(RtpExtension.ABS_SEND_TIME.uri())).hasValue(2);
            assertThat(m.extmapId(RtpExtension.TRANSPORT_CC.uri())).as("REMB, not transport-cc").isEmpty();
        });
    }

    @Test
    void audioMlineOffersOpus111WithItsSsrcAndMsid() {
        MediaSection audio = initial(List.of(ALICE_MIC)).sdp().media().getFirst();
        assertThat(audio.mediaLine().value()).isEqualTo("audio 9 UDP/TLS/RTP/SAVPF 111");
        assertThat(audio.rtpMaps().get(111)).isEqualTo(new RtpMap(111, "opus", 48000, 2));
        assertThat(audio.fmtp(111)).contains("minptime=10;useinbandfec=1");
        assertThat(audio.rtcpFeedback(111)).isEmpty();
        assertThat(audio.extmapId(RtpExtension.AUDIO_LEVEL.uri())).hasValue(1);
        assertThat(audio.msid()).contains(new Msid("alice", "alice-mic"));
        assertThat(audio.ssrcs()).containsExactly(1001L);
        assertThat(audio.ssrcGroups()).isEmpty();
        assertThat(audio.ssrcAttributes()).contains(new SsrcAttribute(1001, "cname", "alice"));
    }

    @Test
    void videoMlinesOfferFixedPayloadTypesRtxAndFeedback() {
        SessionDescription sdp = initial(List.of(ALICE_CAM, BOB_CAM)).sdp();
        MediaSection vp8 = sdp.media().get(0);
        assertThat(vp8.mediaLine().formats()).containsExactly("96", "97");
        assertThat(vp8.rtxFor(96)).hasValue(97);
        assertThat(vp8.rtcpFeedback(96)).containsExactly("goog-remb", "ccm fir", "nack", "nack pli");
        assertThat(vp8.ssrcGroup(SsrcGroup.FID)).contains(new SsrcGroup("FID", List.of(1002L, 1003L)));
        assertThat(vp8.ssrcs()).containsExactly(1002L, 1003L);
        assertThat(vp8.extmapId(RtpExtension.AUDIO_LEVEL.uri())).isEmpty();

        MediaSection h264 = sdp.media().get(1);
        assertThat(h264.mediaLine().formats()).containsExactly("102", "103");
        assertThat(h264.fmtpParameter(102, "packetization-mode")).contains("1");
        assertThat(h264.fmtpParameter(102, "profile-level-id")).contains("42e01f");
        assertThat(h264.rtxFor(102)).hasValue(103);
    }

    @Test
    void tracksKeepTheirMidsAcrossReoffersWhateverTheListOrder() {
        SubscribeOffer first = initial(List.of(ALICE_MIC, ALICE_CAM, BOB_MIC, BOB_CAM));
        SubscribeOffer second = first.next(List.of(BOB_CAM, ALICE_MIC, BOB_MIC, ALICE_CAM));
        assertThat(mids(second)).containsExactly("0", "1", "2", "3");
        for (ForwardedTrack t : List.of(ALICE_MIC, ALICE_CAM, BOB_MIC, BOB_CAM)) {
            assertThat(second.midOf(t.trackId())).isEqualTo(first.midOf(t.trackId()));
        }
        assertThat(second.sdp().media().get(3).msid()).contains(new Msid("bob", "bob-cam"));
    }

    @Test
    void reofferKeepsTheSessionIdAndRaisesTheVersion() {
        SubscribeOffer first = initial(List.of(ALICE_MIC));
        SubscribeOffer second = first.next(List.of(ALICE_MIC, ALICE_CAM));
        String[] o1 = first.sdp().sessionLines().get(1).value().split(" ");
        String[] o2 = second.sdp().sessionLines().get(1).value().split(" ");
        assertThat(o2[1]).isEqualTo(o1[1]);
        assertThat(first.version()).isEqualTo(1);
        assertThat(o2[2]).isEqualTo("2");
    }

    @Test
    void removedTrackLeavesAnInactiveMlineWithoutSsrcOrMsid() {
        SubscribeOffer offer = initial(List.of(ALICE_MIC, ALICE_CAM, BOB_MIC, BOB_CAM)).next(List.of(ALICE_MIC, ALICE_CAM));
        assertThat(mids(offer)).containsExactly("0", "1", "2", "3");
        assertThat(offer.sdp().bundleGroups()).containsExactly(List.of("0", "1", "2", "3"));
        MediaSection bobCam = offer.sdp().media().get(3);
        assertThat(bobCam.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(bobCam.isRejected()).as("kept in the bundle, not port 0").isFalse();
        assertThat(bobCam.ssrcAttributes()).isEmpty();
        assertThat(bobCam.msid()).isEmpty();
        assertThat(offer.tracks()).extracting(ForwardedTrack::trackId).containsExactly("alice-mic", "alice-cam");
        assertThat(offer.slots().get(3).freedInVersion()).isEqualTo(2);
    }

    @Test
    void newTrackRecyclesAnMlineOfItsKindThatWasAlreadyOfferedInactive() {
        SubscribeOffer offer = initial(List.of(ALICE_MIC, ALICE_CAM, BOB_MIC, BOB_CAM))
                .next(List.of(ALICE_MIC, ALICE_CAM))
                .next(List.of(ALICE_MIC, ALICE_CAM, CAROL_CAM, CAROL_MIC));
        assertThat(mids(offer)).containsExactly("0", "1", "2", "3");
        assertThat(offer.midOf("carol-mic")).contains("2");
        assertThat(offer.midOf("carol-cam")).contains("3");
        MediaSection carolCam = offer.sdp().media().get(3);
        assertThat(carolCam.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(carolCam.mediaLine().formats()).as("codec follows the new track").containsExactly("96", "97");
        assertThat(carolCam.msid()).contains(new Msid("carol", "carol-cam"));
    }

    @Test
    void mlineFreedInThisOfferIsNotReusedUntilTheBrowserHasSeenItInactive() {
        SubscribeOffer offer = initial(List.of(ALICE_MIC, BOB_MIC)).next(List.of(ALICE_MIC, CAROL_MIC));
        assertThat(mids(offer)).containsExactly("0", "1", "2");
        assertThat(offer.sdp().media().get(1).direction()).isEqualTo(Direction.INACTIVE);
        assertThat(offer.midOf("carol-mic")).contains("2");
    }

    @Test
    void callerChosenMidIsUsed() {
        SubscribeOffer offer = initial(List.of(new ForwardedTrack("a-alice", MediaKind.AUDIO, "alice", "alice-mic", 1001, 0, Codec.OPUS), ALICE_CAM));
        assertThat(mids(offer)).containsExactly("a-alice", "0");
        assertThatThrownBy(() -> offer.next(List.of(new ForwardedTrack("a-alice", MediaKind.VIDEO, "x", "y", 5, 6, Codec.VP8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio m-line");
    }

    @Test
    void duplicateTrackIdsAreRefused() {
        assertThatThrownBy(() -> initial(List.of(ALICE_MIC, ALICE_MIC)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alice-mic");
    }

    @Test
    void forwardedTrackRefusesACodecOfTheOtherKind() {
        assertThatThrownBy(() -> new ForwardedTrack(null, MediaKind.AUDIO, "s", "t", 1, 0, Codec.VP8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moreMlinesThanTheLimitAreRefused() {
        List<ForwardedTrack> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add(new ForwardedTrack(null, MediaKind.AUDIO, "s" + i, "t" + i, 10_000 + i, 0, Codec.OPUS));
        }
        assertThatThrownBy(() -> initial(many)).isInstanceOf(IllegalStateException.class).hasMessageContaining("65 m-lines");
    }

    @Test
    void emptyOfferHasNoBundle() {
        SubscribeOffer offer = initial(List.of());
        assertThat(offer.sdp().media()).isEmpty();
        assertThat(offer.sdp().bundleGroups()).isEmpty();
    }

    @Test
    void offerSurvivesItsOwnParser() throws SdpException {
        String text = initial(List.of(ALICE_MIC, ALICE_CAM, BOB_MIC, BOB_CAM)).sdp().toString();
        assertThat(SessionDescription.parse(text).toString()).isEqualTo(text);
    }
}
