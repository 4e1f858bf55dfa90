package org.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackSsrcRewriterTest {

    private static final long SUBSCRIBER = 0x5B5B5B5BL;
    private static final long OUTPUT = 0x0C0C0C0CL;
    private static final long PUBLISHER_LAYER = 0x9A9A9A9AL;
    private static final long SFU = 0x5F0F5F0FL;

    @Test
    void subscriberFeedbackAboutOurOutputIsMappedToThePublishersLayer() {
        byte[] b = new byte[300];
        int n = RtcpWriter.receiverReport(b, 0, SUBSCRIBER, List.of(new ReportBlock(OUTPUT, 0, 0, 1, 0, 0, 0)));
        n += RtcpWriter.pli(b, n, SUBSCRIBER, OUTPUT);
        n += RtcpWriter.nack(b, n, SUBSCRIBER, OUTPUT, List.of(10, 12));
        n += RtcpWriter.fir(b, n, SUBSCRIBER, OUTPUT, 3);
        n += RtcpWriter.remb(b, n, SUBSCRIBER, 800_000, List.of(OUTPUT, 77L));
        n += RtcpWriter.pli(b, n, SUBSCRIBER, 0x1234L); // another track: untouched

        int changed = FeedbackSsrcRewriter.rewriteMediaSsrcs(b, 0, n, s -> s == OUTPUT ? PUBLISHER_LAYER : s);
        int senders = FeedbackSsrcRewriter.rewriteSenderSsrcs(b, 0, n, SFU);

        assertThat(changed).isEqualTo(4);
        assertThat(senders).isEqualTo(6);
        assertThat(RtcpCompound.parse(b, 0, n)).containsExactly(
                new ReceiverReport(SFU, List.of(new ReportBlock(OUTPUT, 0, 0, 1, 0, 0, 0))),
                new Pli(SFU, PUBLISHER_LAYER),
                new Nack(SFU, PUBLISHER_LAYER, List.of(10, 12)),
                new Fir(SFU, List.of(new Fir.Entry(PUBLISHER_LAYER, 3))),
                new Remb(SFU, 800_000, List.of(PUBLISHER_LAYER, 77L)),
                new Pli(SFU, 0x1234L));
    }

    @Test
    void transportCcIsLeftAlone() {
        byte[] b = RtcpCompoundTest.TRANSPORT_CC.clone();
        assertThat(FeedbackSsrcRewriter.rewriteMediaSsrcs(b, 0, b.length, s -> 1)).isZero();
        assertThat(b).isEqualTo(RtcpCompoundTest.TRANSPORT_CC);
    }

    @Test
    void brokenFramingIsReported() {
        byte[] b = RtcpCompoundTest.PLI.clone();
        b[3] = 9;
        assertThatThrownBy(() -> FeedbackSsrcRewriter.rewriteMediaSsrcs(b, 0, b.length, s -> s))
                .isInstanceOf(RtcpParseException.class);
        assertThatThrownBy(() -> FeedbackSsrcRewriter.rewriteSenderSsrcs(b, 0, 3, 1))
                .isInstanceOf(RtcpParseException.class);
    }
}
