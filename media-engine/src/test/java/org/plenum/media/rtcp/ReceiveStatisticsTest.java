package org.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {

    private static final long MS = 1_000_000L;
    private final ReceiveStatistics stats = new ReceiveStatistics(0xABCDL, 90_000);

    /** Feeds packet {@code seq}, sent every 20 ms (1800 ticks) and arriving on time plus {@code lateMs}. */
    private void receive(int seq, int index, long lateMs) {
        stats.onPacket(seq, 1800L * index, (20L * index + lateMs) * MS);
    }

    @Test
    void steadyStreamHasNoLossAndNoJitter() {
        for (int i = 0; i < 100; i++) {
            receive(1000 + i, i, 0);
        }
        ReportBlock r = stats.reportBlock(0);
        assertThat(r.ssrc()).isEqualTo(0xABCDL);
        assertThat(r.extendedHighestSeq()).isEqualTo(1099);
        assertThat(r.cumulativeLost()).isZero();
        assertThat(r.fractionLost()).isZero();
        assertThat(r.jitter()).isZero();
        assertThat(r.lastSr()).isZero();
        assertThat(r.delaySinceLastSr()).isZero();
    }

    @Test
    void lossIsCountedCumulativelyAndAsAFractionPerInterval() {
        for (int i = 0; i < 100; i++) {
            if (i % 4 != 3) {
                receive(i, i, 0);
            }
        }
        // highest is 98 (99 was a loss at the end, not yet known): expected 99, received 75
        ReportBlock first = stats.reportBlock(0);
        assertThat(first.cumulativeLost()).isEqualTo(24);
        assertThat(first.fractionLost()).isEqualTo(24 * 256 / 99);

        for (int i = 100; i < 200; i++) {
            receive(i, i, 0);
        }
        ReportBlock second = stats.reportBlock(0);
        assertThat(second.cumulativeLost()).isEqualTo(25);
        assertThat(second.fractionLost()).isEqualTo(256 / 101); // one lost (99) of 101 expected
    }

    @Test
    void sequenceWrapAddsACycle() {
        for (int i = 0; i < 20; i++) {
            receive((65_530 + i) & 0xFFFF, i, 0);
        }
        assertThat(stats.extendedHighestSequenceNumber()).isEqualTo(65_536 + 13);
        assertThat(stats.cumulativeLost()).isZero();
    }

    @Test
    void reorderedPacketsAreNotLosses() {
        int[] order = {1, 2, 4, 3, 5, 7, 6, 8};
        for (int i = 0; i < order.length; i++) {
            receive(order[i], order[i], 0);
        }
        assertThat(stats.extendedHighestSequenceNumber()).isEqualTo(8);
        assertThat(stats.cumulativeLost()).isZero();
    }

    @Test
    void duplicatesMakeLossNegative() {
        receive(1, 1, 0);
        receive(2, 2, 0);
        receive(2, 2, 0);
        assertThat(stats.cumulativeLost()).isEqualTo(-1);
        assertThat(stats.reportBlock(0).fractionLost()).isZero();
    }

    @Test
    void aBigJumpIsBelievedOnlyWhenTheNextPacketConfirmsIt() {
        receive(100, 0, 0);
        receive(101, 1, 0);
        receive(40_000, 2, 0); // a stray packet: ignored
        assertThat(stats.extendedHighestSequenceNumber()).isEqualTo(101);
        receive(102, 3, 0);
        receive(30_000, 4, 0);
        receive(30_001, 5, 0); // the sender restarted its numbering
        assertThat(stats.extendedHighestSequenceNumber()).isEqualTo(30_001);
        assertThat(stats.cumulativeLost()).isZero();
        assertThat(stats.packetsReceived()).isEqualTo(1);
    }

    @Test
    void alternatingDelayConvergesToItsJitter() {
        // every other packet is 10 ms (900 ticks) late: |D| = 900 for each pair, so J → 900
        for (int i = 0; i < 1000; i++) {
            receive(i, i, i % 2 == 0 ? 0 : 10);
        }
        assertThat(stats.jitter()).isBetween(890L, 900L);
    }

    @Test
    void lastSenderReportIsEchoedWithItsDelay() {
        receive(1, 0, 0);
        SenderReport sr = new SenderReport(0xABCDL, 0xe94f3a1080000000L, 0, 0, 0, List.of());
        stats.onSenderReport(sr, 1_000 * MS);

        ReportBlock r = stats.reportBlock(1_500 * MS);

        assertThat(r.lastSr()).isEqualTo(0x3a108000L);
        assertThat(r.delaySinceLastSr()).isEqualTo(32_768); // 0.5 s in 1/65536 s
    }
}
