package org.plenum.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.media.rtp.TestRtp.bytes;

import org.junit.jupiter.api.Test;

class Vp8DescriptorTest {

    @Test
    void chromeKeyframeIsRecognised() {
        byte[] b = TestRtp.vp8Payload(true, 0x1234, 200, 0);
        Vp8Descriptor d = Vp8Descriptor.parse(b, 0, b.length);

        assertThat(d.isKeyframe()).isTrue();
        assertThat(d.isStartOfPartition()).isTrue();
        assertThat(d.partitionId()).isZero();
        assertThat(d.hasLongPictureId()).isTrue();
        assertThat(d.pictureId()).isEqualTo(0x1234);
        assertThat(d.tl0PicIdx()).isEqualTo(200);
        assertThat(d.temporalLayer()).isZero();
        assertThat(d.layerSync()).isTrue();
        assertThat(d.descriptorLength()).isEqualTo(6);
    }

    @Test
    void deltaFrameIsNotAKeyframe() {
        byte[] b = TestRtp.vp8Payload(false, 5, 1, 2);
        Vp8Descriptor d = Vp8Descriptor.parse(b, 0, b.length);
        assertThat(d.isKeyframe()).isFalse();
        assertThat(d.temporalLayer()).isEqualTo(2);
    }

    @Test
    void continuationOfAKeyframeIsNotItsStart() {
        // S=0: a later packet of the same frame; the bytes after the descriptor are not a frame tag
        byte[] b = bytes(0x80, 0x80, 0x92, 0x34, 0x00, 0x00);
        assertThat(Vp8Descriptor.isKeyframe(b, 0, b.length)).isFalse();
        // S=1 but partition 1
        byte[] p1 = bytes(0x11, 0x00);
        assertThat(Vp8Descriptor.isKeyframe(p1, 0, p1.length)).isFalse();
    }

    @Test
    void minimalDescriptorWithoutExtensionsIsRead() {
        byte[] b = bytes(0x10, 0x50, 0x42);
        Vp8Descriptor d = Vp8Descriptor.parse(b, 0, b.length);
        assertThat(d.isKeyframe()).isTrue();
        assertThat(d.descriptorLength()).isEqualTo(1);
        assertThat(d.hasPictureId()).isFalse();
        assertThat(d.pictureId()).isEqualTo(-1);
        assertThat(d.tl0PicIdx()).isEqualTo(-1);
        assertThat(d.temporalLayer()).isEqualTo(-1);
        assertThatThrownBy(() -> d.setPictureId(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sevenBitPictureIdIsReadAndRewrittenModulo128() {
        byte[] b = bytes(0x90, 0x80, 0x7F, 0x50);
        Vp8Descriptor d = Vp8Descriptor.parse(b, 0, b.length);
        assertThat(d.hasLongPictureId()).isFalse();
        assertThat(d.pictureId()).isEqualTo(127);

        d.setPictureId(130);
        assertThat(d.pictureId()).isEqualTo(2);
        assertThat(b[2]).isEqualTo((byte) 2); // M bit stays clear
    }

    @Test
    void pictureIdAndTl0PicIdxAreRewrittenInPlace() {
        byte[] b = TestRtp.vp8Payload(true, 0x7FFF, 255, 1);
        byte[] tail = java.util.Arrays.copyOfRange(b, 6, b.length);
        Vp8Descriptor d = Vp8Descriptor.parse(b, 0, b.length);

        d.setPictureId(0x8001); // wraps to 1
        d.setTl0PicIdx(256);    // wraps to 0

        Vp8Descriptor again = Vp8Descriptor.parse(b, 0, b.length);
        assertThat(again.pictureId()).isEqualTo(1);
        assertThat(again.hasLongPictureId()).isTrue();
        assertThat(again.tl0PicIdx()).isZero();
        assertThat(again.temporalLayer()).isEqualTo(1);
        assertThat(java.util.Arrays.copyOfRange(b, 6, b.length)).isEqualTo(tail);
    }

    @Test
    void keyIdxWithoutTidReportsNoTemporalLayer() {
        byte[] b = bytes(0x90, 0x10, 0x1F, 0x50); // K only: TID/Y/KEYIDX octet present
        Vp8Descriptor d = Vp8Descriptor.parse(b, 0, b.length);
        assertThat(d.descriptorLength()).isEqualTo(3);
        assertThat(d.temporalLayer()).isEqualTo(-1);
        assertThat(d.isKeyframe()).isTrue();
    }

    @Test
    void truncatedDescriptorsAreRejected() {
        byte[] full = TestRtp.vp8Payload(true, 0x1234, 1, 0);
        Vp8Descriptor d = new Vp8Descriptor();
        assertThat(d.wrap(full, 0, 0)).isFalse();
        for (int len = 1; len < 6; len++) {
            assertThat(d.wrap(full, 0, len)).as("length %d", len).isFalse();
        }
        assertThat(d.wrap(full, 0, 6)).isTrue();
        assertThat(d.isKeyframe()).isFalse(); // no payload header left to tell
        assertThatThrownBy(() -> Vp8Descriptor.parse(full, 0, 3)).isInstanceOf(RtpParseException.class);
    }
}
