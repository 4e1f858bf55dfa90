package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Packet index estimation, RFC 3711 Appendix A. */
class StreamStateTest {

    private static StreamState after(long highestIndex) {
        StreamState s = new StreamState(1);
        s.rtp.accept(highestIndex);
        return s;
    }

    @Test
    void firstPacketStartsTheRolloverCounterAtZero() {
        assertThat(new StreamState(1).estimateRtpIndex(0xF17B)).isEqualTo(0xF17B);
    }

    @Test
    void sequenceWrapAdvancesTheRolloverCounter() {
        assertThat(after(0xFFFF).estimateRtpIndex(0)).isEqualTo(0x1_0000);
        assertThat(after(0xFFF0).estimateRtpIndex(5)).isEqualTo(0x1_0005);
    }

    @Test
    void latePacketFromBeforeTheWrapKeepsTheOldRolloverCounter() {
        assertThat(after(0x1_0002).estimateRtpIndex(0xFFFE)).isEqualTo(0xFFFE);
    }

    @Test
    void latePacketFromBeforeRolloverZeroIsNegative() {
        assertThat(after(3).estimateRtpIndex(0xFFF0)).isNegative();
    }

    @Test
    void smallStepsStayInTheSameRoll() {
        assertThat(after(0x5_8000).estimateRtpIndex(0x8001)).isEqualTo(0x5_8001);
        assertThat(after(0x5_8000).estimateRtpIndex(0x7000)).isEqualTo(0x5_7000);
        assertThat(after(0x5_1000).estimateRtpIndex(0x2000)).isEqualTo(0x5_2000);
    }
}
