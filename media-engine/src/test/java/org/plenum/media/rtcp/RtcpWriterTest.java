package org.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpWriterTest {

    private final byte[] out = new byte[1500];

    private List<RtcpPacket> parse(int len) {
        return RtcpCompound.parse(out, 0, len);
    }

    @Test
    void receiverReportRoundTrips() {
        List<ReportBlock> blocks = List.of(
                new ReportBlock(0x1a2b3c4dL, 25, -3, 0x1537bL, 42, 0x4f3a1080L, 65_536),
                new ReportBlock(0xFFFFFFFFL, 255, 0x7FFFFF, 0xFFFFFFFFL, 0, 0, 0));
        int n = RtcpWriter.receiverReport(out, 0, 0xCAFEF00DL, blocks);

        assertThat(n).isEqualTo(56);
        assertThat(parse(n)).containsExactly(new ReceiverReport(0xCAFEF00DL, blocks));
    }

    @Test
    void senderReportRoundTrips() {
        List<ReportBlock> blocks = List.of(new ReportBlock(7, 0, 0, 100, 5, 0, 0));
        int n = RtcpWriter.senderReport(out, 0, 1, 0xe94f3a1080000000L, 0xFFFFFFFFL, 300, 120_000, blocks);

        assertThat(parse(n)).containsExactly(new SenderReport(1, 0xe94f3a1080000000L, 0xFFFFFFFFL, 300, 120_000, blocks));
    }

    @Test
    void compoundOfReportCnameAndFeedbackRoundTrips() {
        int n = RtcpWriter.receiverReport(out, 0, 1, List.of());
        n += RtcpWriter.sdesCname(out, n, 1, "plenum-sfu");
        n += RtcpWriter.pli(out, n, 1, 0x1a2b3c4dL);
        n += RtcpWriter.fir(out, n, 1, 0x1a2b3c4dL, 200);
        n += RtcpWriter.bye(out, n, List.of(1L, 2L));

        List<RtcpPacket> packets = parse(n);
        assertThat(packets).hasSize(5);
        assertThat(((Sdes) packets.get(1)).chunks().getFirst().cname()).isEqualTo("plenum-sfu");
        assertThat(packets.get(2)).isEqualTo(new Pli(1, 0x1a2b3c4dL));
        assertThat(packets.get(3)).isEqualTo(new Fir(1, List.of(new Fir.Entry(0x1a2b3c4dL, 200))));
        assertThat(packets.get(4)).isEqualTo(new Bye(List.of(1L, 2L), ""));
    }

    @Test
    void cnamesOfEveryLengthArePaddedToWholeWords() {
        for (int len = 0; len < 12; len++) {
            String cname = "x".repeat(len);
            int n = RtcpWriter.sdesCname(out, 0, 9, cname);
            assertThat(n % 4).isZero();
            assertThat(((Sdes) parse(n).getFirst()).chunks().getFirst().cname()).isEqualTo(cname);
        }
    }

    @Test
    void nackPacksNearbyLossesIntoOneBitmask() {
        List<Integer> lost = List.of(100, 101, 103, 116, 117, 65_535, 0, 5);
        int n = RtcpWriter.nack(out, 0, 1, 0x1a2b3c4dL, lost);

        // 100 with 101,103,116 in its BLP; 117 starts a pair; 65535 starts a pair with 0 and 5
        assertThat(n).isEqualTo(12 + 3 * 4);
        Nack nack = (Nack) parse(n).getFirst();
        assertThat(nack.mediaSsrc()).isEqualTo(0x1a2b3c4dL);
        assertThat(nack.lostSequenceNumbers()).containsExactlyElementsOf(lost);
    }

    @Test
    void longNackListRoundTrips() {
        List<Integer> lost = new ArrayList<>();
        for (int seq = 65_000; seq < 66_000; seq += 3) {
            lost.add(seq & 0xFFFF);
        }
        int n = RtcpWriter.nack(out, 0, 1, 2, lost);
        assertThat(((Nack) parse(n).getFirst()).lostSequenceNumbers()).containsExactlyElementsOf(lost);
    }

    @Test
    void rembKeepsEighteenBitsOfTheRate() {
        int n = RtcpWriter.remb(out, 0, 1, 1_500_000, List.of(0x1a2b3c4dL, 5L));
        assertThat(parse(n)).containsExactly(new Remb(1, 1_500_000, List.of(0x1a2b3c4dL, 5L)));

        n = RtcpWriter.remb(out, 0, 1, 123_456_789, List.of());
        long written = ((Remb) parse(n).getFirst()).bitrateBps();
        assertThat(written).isLessThanOrEqualTo(123_456_789).isGreaterThan(123_456_789 - 512);

        n = RtcpWriter.remb(out, 0, 1, 262_143, List.of());
        assertThat(((Remb) parse(n).getFirst()).bitrateBps()).isEqualTo(262_143);
    }

    @Test
    void writersMatchTheWireFormat() {
        int n = RtcpWriter.pli(out, 0, 1, 0x1a2b3c4dL);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(RtcpCompoundTest.PLI);
        n = RtcpWriter.fir(out, 0, 1, 0x1a2b3c4dL, 7);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(RtcpCompoundTest.FIR);
        n = RtcpWriter.remb(out, 0, 1, 1_500_000, List.of(0x1a2b3c4dL));
        assertThat(Arrays.copyOf(out, n)).isEqualTo(RtcpCompoundTest.REMB);
    }

    @Test
    void tooSmallADestinationIsRefusedWithoutWriting() {
        byte[] small = new byte[11];
        assertThatThrownBy(() -> RtcpWriter.pli(small, 0, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtcpWriter.nack(small, 0, 1, 2, List.of(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(small).containsOnly(0);
        assertThatThrownBy(() -> RtcpWriter.nack(out, 0, 1, 2, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
    @Test
    void transportCcFeedbackRoundTripsThroughTheParser() {
        // 60 packets: arrivals 1 ms apart, a burst of 20 losses, one arriving 100 ms late
        // (two-byte delta), one arriving before its predecessor (negative delta)
        long[] arrivals = new long[60];
        long t = 16_512_000L + 750;
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = t;
            t += 1000;
        }
        for (int i = 10; i < 30; i++) {
            arrivals[i] = -1;
        }
        arrivals[40] += 100_000;
        arrivals[50] = arrivals[49] - 2000;
        int n = RtcpWriter.transportCc(out, 0, 1, 0x1a2b3c4dL, 65_530, arrivals, arrivals.length, 9);

        assertThat(n % 4).isZero();
        TransportCc tcc = (TransportCc) parse(n).getFirst();
        assertThat(tcc.baseSequenceNumber()).isEqualTo(65_530);
        assertThat(tcc.packetStatusCount()).isEqualTo(60);
        assertThat(tcc.feedbackPacketCount()).isEqualTo(9);
        assertThat(tcc.referenceTime()).isEqualTo(258);
        for (int i = 0; i < arrivals.length; i++) {
            TransportCc.PacketStatus status = tcc.packets().get(i);
            assertThat(status.sequenceNumber()).isEqualTo((65_530 + i) & 0xFFFF);
            assertThat(status.receivedAtMicros()).as("packet %d", i).isEqualTo(arrivals[i]);
        }
        assertThat(tcc.packets().get(40).status()).isEqualTo(TransportCc.Status.RECEIVED_LARGE_DELTA);
        assertThat(tcc.packets().get(50).deltaTicks()).isNegative();
    }

    @Test
    void transportCcWithAGapBeyondTheDeltaRangeIsRefused() {
        long[] arrivals = {0, 9_000_000};
        assertThatThrownBy(() -> RtcpWriter.transportCc(out, 0, 1, 2, 0, arrivals, 2, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
