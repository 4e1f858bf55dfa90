package org.plenum.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubscribeAnswerTest {

    /** The offers Chrome answered in the fixtures: same tracks, same order, so the same mids. */
    private static SubscribeOffer offerOfRound(int round) {
        SubscribeOffer offer = SubscribeOffer.initial(SdpFixtures.engine(), SdpFixtures.SUBSCRIBE_ROUNDS.getFirst());
        for (int i = 1; i <= round; i++) {
            offer = offer.next(SdpFixtures.SUBSCRIBE_ROUNDS.get(i));
        }
        return offer;
    }

    @Test
    void chromeAnswerAcceptsEveryMlineAsActiveDtlsClient() throws SdpException {
        SubscribeAnswer answer = offerOfRound(0).accept(SdpFixtures.parse(SdpFixtures.CHROME_SUBSCRIBE_ANSWER_INITIAL));
        assertThat(answer.remote()).isEqualTo(new RemoteTransport("cYh+", "fqSJdNmBEuMdoFdNqHB3KyYp",
                "26:93:0E:B5:0D:9D:84:62:C0:AD:90:7D:E0:6B:F8:D4:3F:06:12:9E:9F:2C:22:32:F6:40:F3:9C:28:CC:F1:CE", SetupRole.ACTIVE));
        assertThat(answer.acceptedMids()).containsExactly("0", "1", "2", "3");
        assertThat(answer.rejectedMids()).isEmpty();
        // the captured answers also list transport-cc (offered when they were captured); the engine no longer
        // offers it, so it does not count as negotiated
        assertThat(answer.extensionIds().get("0")).isEqualTo(new ExtensionIds(4, 0, 0, 1, 2, 0));
        assertThat(answer.extensionIds().get("1")).isEqualTo(new ExtensionIds(4, 0, 0, 0, 2, 0));
    }

    @Test
    void inactiveMlinesAreNeitherAcceptedNorRejected() throws SdpException {
        SubscribeAnswer answer = offerOfRound(1).accept(SdpFixtures.parse(SdpFixtures.CHROME_SUBSCRIBE_ANSWER_AFTER_LEAVE));
        assertThat(answer.acceptedMids()).containsExactly("0", "1");
        assertThat(answer.rejectedMids()).isEmpty();
    }

    @Test
    void recycledMlinesAreAcceptedAgain() throws SdpException {
        SubscribeOffer offer = offerOfRound(2);
        SubscribeAnswer answer = offer.accept(SdpFixtures.parse(SdpFixtures.CHROME_SUBSCRIBE_ANSWER_AFTER_RECYCLE));
        assertThat(answer.acceptedMids()).containsExactly("0", "1", "2", "3");
        assertThat(offer.midOf("carol-cam")).contains("3");
    }

    @Test
    void portZeroMlineIsRejected() throws SdpException {
        String text = SdpFixtures.text(SdpFixtures.CHROME_SUBSCRIBE_ANSWER_INITIAL)
                .replace("m=video 9 UDP/TLS/RTP/SAVPF 102 103", "m=video 0 UDP/TLS/RTP/SAVPF 102 103");
        SubscribeAnswer answer = offerOfRound(0).accept(SessionDescription.parse(text));
        assertThat(answer.acceptedMids()).containsExactly("0", "1", "2");
        assertThat(answer.rejectedMids()).containsExactly("3");
        assertThat(answer.accepted("3")).isFalse();
    }

    @Test
    void passiveAnswerIsRefusedBecauseTheEngineIsAlwaysDtlsServer() {
        String text = SdpFixtures.text(SdpFixtures.CHROME_SUBSCRIBE_ANSWER_INITIAL).replace("a=setup:active", "a=setup:passive");
        assertThatThrownBy(() -> offerOfRound(0).accept(SessionDescription.parse(text)))
                .isInstanceOf(SdpException.class).hasMessageContaining("setup:passive").hasMessageContaining("DTLS server");
    }

    @Test
    void answerWithoutIcePasswordIsRefused() {
        String text = SdpFixtures.text(SdpFixtures.CHROME_SUBSCRIBE_ANSWER_INITIAL).replace("a=ice-pwd:fqSJdNmBEuMdoFdNqHB3KyYp\r\n", "");
        assertThatThrownBy(() -> offerOfRound(0).accept(SessionDescription.parse(text)))
                .isInstanceOf(SdpException.class).hasMessageContaining("no a=ice-pwd in subscribe answer");
    }

    @Test
    void answerWithoutFingerprintIsRefused() {
        String text = SdpFixtures.text(SdpFixtures.CHROME_SUBSCRIBE_ANSWER_INITIAL).replaceAll("a=fingerprint:[^\r]+\r\n", "");
        assertThatThrownBy(() -> offerOfRound(0).accept(SessionDescription.parse(text)))
                .isInstanceOf(SdpException.class).hasMessageContaining("a=fingerprint:sha-256");
    }

    @Test
    void answerToAnotherOfferIsRefused() {
        assertThatThrownBy(() -> offerOfRound(0).next(List.of(SdpFixtures.ALICE_MIC, SdpFixtures.ALICE_CAM, SdpFixtures.BOB_MIC,
                SdpFixtures.BOB_CAM, SdpFixtures.CAROL_MIC)).accept(SdpFixtures.parse(SdpFixtures.CHROME_SUBSCRIBE_ANSWER_INITIAL)))
                .isInstanceOf(SdpException.class).hasMessageContaining("4 m-lines; the offer had 5");
        String reordered = SdpFixtures.text(SdpFixtures.CHROME_SUBSCRIBE_ANSWER_INITIAL).replace("a=mid:1\r\n", "a=mid:9\r\n")
                .replace("BUNDLE 0 1 2 3", "BUNDLE 0 9 2 3");
        assertThatThrownBy(() -> offerOfRound(0).accept(SessionDescription.parse(reordered)))
                .isInstanceOf(SdpException.class).hasMessageContaining("m-line 2 has mid 9 where the offer had 1");
    }
}
