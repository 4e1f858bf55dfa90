package org.plenum.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.media.rtp.TestRtp.bytes;

import org.junit.jupiter.api.Test;

class H264NalTest {

    @Test
    void singleIdrOrSpsNalIsAKeyframe() {
        byte[] idr = bytes(0x65, 0x88, 0x84);
        byte[] sps = bytes(0x67, 0x42, 0xC0, 0x1F);
        assertThat(H264Nal.isKeyframe(idr, 0, idr.length)).isTrue();
        assertThat(H264Nal.isKeyframe(sps, 0, sps.length)).isTrue();
    }

    @Test
    void nonIdrSliceIsNotAKeyframe() {
        byte[] slice = bytes(0x41, 0x9A, 0x02);
        assertThat(H264Nal.isKeyframe(slice, 0, slice.length)).isFalse();
    }

    @Test
    void stapAWithSpsPpsIsAKeyframe() {
        // STAP-A: SPS (4 bytes), PPS (3 bytes), as browsers send them before an IDR
        byte[] stap = bytes(0x78, 0x00, 0x04, 0x67, 0x42, 0xC0, 0x1F, 0x00, 0x03, 0x68, 0xCE, 0x3C);
        assertThat(H264Nal.isKeyframe(stap, 0, stap.length)).isTrue();
    }

    @Test
    void stapAWithoutIdrOrSpsIsNotAKeyframe() {
        byte[] stap = bytes(0x78, 0x00, 0x02, 0x06, 0x05, 0x00, 0x02, 0x41, 0x9A);
        assertThat(H264Nal.isKeyframe(stap, 0, stap.length)).isFalse();
    }

    @Test
    void stapAWithSizePastTheEndIsNotAKeyframe() {
        byte[] stap = bytes(0x78, 0xFF, 0xFF, 0x67);
        assertThat(H264Nal.isKeyframe(stap, 0, stap.length)).isFalse();
        byte[] zero = bytes(0x78, 0x00, 0x00, 0x00, 0x00);
        assertThat(H264Nal.isKeyframe(zero, 0, zero.length)).isFalse();
    }

    @Test
    void onlyTheFirstFuAFragmentOfAnIdrIsAKeyframe() {
        byte[] start = bytes(0x7C, 0x85, 0x88);  // FU-A, S=1, type 5
        byte[] middle = bytes(0x7C, 0x05, 0x88); // S=0
        byte[] end = bytes(0x7C, 0x45, 0x88);    // E=1
        byte[] nonIdr = bytes(0x7C, 0x81, 0x9A); // S=1, type 1
        assertThat(H264Nal.isKeyframe(start, 0, start.length)).isTrue();
        assertThat(H264Nal.isKeyframe(middle, 0, middle.length)).isFalse();
        assertThat(H264Nal.isKeyframe(end, 0, end.length)).isFalse();
        assertThat(H264Nal.isKeyframe(nonIdr, 0, nonIdr.length)).isFalse();
    }

    @Test
    void emptyOrTruncatedPayloadIsNotAKeyframe() {
        byte[] fu = bytes(0x7C);
        assertThat(H264Nal.isKeyframe(fu, 0, 1)).isFalse();
        assertThat(H264Nal.isKeyframe(fu, 0, 0)).isFalse();
        assertThat(H264Nal.isKeyframe(fu, 1, 1)).isFalse();
        assertThat(H264Nal.isKeyframe(null, 0, 1)).isFalse();
    }
}
