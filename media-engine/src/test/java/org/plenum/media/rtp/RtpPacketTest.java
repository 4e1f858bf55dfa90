package org.plenum.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.media.rtp.TestRtp.packet;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    /** Chrome 120 video: abs-send-time 2, transport-cc 3, mid 4, rid 10 in a one-byte block. */
    static byte[] chromeVp8() {
        return packet().payloadType(96).seq(21_371).timestamp(3_141_592_653L).ssrc(0x1A2B3C4DL).marker(true)
                .oneByte(2, 0x12, 0x34, 0x56)
                .oneByte(3, 0x01, 0x02)
                .oneByteString(4, "1")
                .oneByteString(10, "h")
                .payload(TestRtp.vp8Payload(true, 0x1234, 7, 0))
                .build();
    }

    @Test
    void chromeVp8PacketWithExtensionsIsRead() {
        byte[] b = chromeVp8();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        assertThat(p.version()).isEqualTo(2);
        assertThat(p.hasExtension()).isTrue();
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(96);
        assertThat(p.sequenceNumber()).isEqualTo(21_371);
        assertThat(p.timestamp()).isEqualTo(3_141_592_653L);
        assertThat(p.ssrc()).isEqualTo(0x1A2B3C4DL);
        assertThat(p.extensionProfile()).isEqualTo(0xBEDE);
        // 12 fixed + 4 extension header + 12 bytes of elements (4+3+2+2 = 11, padded)
        assertThat(p.headerLength()).isEqualTo(28);
        assertThat(p.payloadLength()).isEqualTo(16);
        assertThat(b[p.payloadOffset()] & 0xFF).isEqualTo(0x90);

        int at = p.findExtension(3);
        assertThat(at).isPositive();
        assertThat(p.foundExtensionLength()).isEqualTo(2);
        assertThat(b[at]).isEqualTo((byte) 0x01);
        assertThat(p.findExtension(5)).isEqualTo(-1);
        assertThat(p.findExtension(15)).isEqualTo(-1);
    }

    @Test
    void packetAtAnOffsetInALargerBufferIsRead() {
        byte[] inner = chromeVp8();
        byte[] b = new byte[inner.length + 40];
        System.arraycopy(inner, 0, b, 17, inner.length);
        RtpPacket p = new RtpPacket();

        assertThat(p.wrap(b, 17, inner.length)).isTrue();
        assertThat(p.sequenceNumber()).isEqualTo(21_371);
        assertThat(p.payloadOffset()).isEqualTo(17 + 28);
    }

    @Test
    void csrcsAreReadAndSkipped() {
        byte[] b = packet().csrcs(0xAAAAAAAAL, 7).payload(1, 2, 3).build();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        assertThat(p.csrcCount()).isEqualTo(2);
        assertThat(p.csrc(0)).isEqualTo(0xAAAAAAAAL);
        assertThat(p.csrc(1)).isEqualTo(7);
        assertThat(p.payloadOffset()).isEqualTo(20);
        assertThat(p.payloadLength()).isEqualTo(3);
        assertThatThrownBy(() -> p.csrc(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void twoByteExtensionsAreFound() {
        byte[] b = packet().twoByte(1, 0x55).twoByte(200, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)
                .twoByte(3).payload(9).build();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        assertThat(p.extensionProfile()).isEqualTo(0x1000);
        int at = p.findExtension(200);
        assertThat(p.foundExtensionLength()).isEqualTo(17);
        assertThat(b[at + 16]).isEqualTo((byte) 17);
        assertThat(p.findExtension(3)).isPositive();
        assertThat(p.foundExtensionLength()).isZero();
        assertThat(p.findExtension(4)).isEqualTo(-1);
    }

    @Test
    void paddingIsNotPayload() {
        byte[] b = packet().payload(1, 2, 3, 4).padding(4).build();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        assertThat(p.hasPadding()).isTrue();
        assertThat(p.paddingLength()).isEqualTo(4);
        assertThat(p.payloadLength()).isEqualTo(4);
    }

    @Test
    void settersRewriteInPlaceAndSurviveAReparse() {
        byte[] b = chromeVp8();
        byte[] before = b.clone();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        p.setSsrc(0xFFFFFFFEL);
        p.setSequenceNumber(65_535);
        p.setTimestamp(0xFFFFFFFFL);
        p.setPayloadType(100);
        p.setMarker(false);

        RtpPacket again = RtpPacket.parse(b, 0, b.length);
        assertThat(again.ssrc()).isEqualTo(0xFFFFFFFEL);
        assertThat(again.sequenceNumber()).isEqualTo(65_535);
        assertThat(again.timestamp()).isEqualTo(0xFFFFFFFFL);
        assertThat(again.payloadType()).isEqualTo(100);
        assertThat(again.marker()).isFalse();
        assertThat(again.hasExtension()).isTrue();
        // nothing but the header fields changed
        assertThat(java.util.Arrays.copyOfRange(b, 12, b.length))
                .isEqualTo(java.util.Arrays.copyOfRange(before, 12, before.length));
        assertThatThrownBy(() -> p.setPayloadType(128)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExtensionIsRewrittenOnlyWithTheSameLength() {
        byte[] b = chromeVp8();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        assertThat(p.rewriteExtension(3, new byte[] {(byte) 0xAB, (byte) 0xCD}, 0, 2)).isTrue();
        assertThat(p.rewriteExtension(3, new byte[] {1, 2, 3}, 0, 3)).isFalse();
        assertThat(p.rewriteExtension(9, new byte[] {1}, 0, 1)).isFalse();
        assertThat(b[p.findExtension(3)]).isEqualTo((byte) 0xAB);
    }

    @Test
    void truncatedPacketsAreRejectedWithAReason() {
        byte[] b = chromeVp8();
        RtpPacket p = new RtpPacket();
        for (int len = 0; len < 28; len++) {
            assertThat(p.wrap(b, 0, len)).as("length %d", len).isFalse();
            assertThat(p.failure()).isNotBlank();
        }
        assertThat(p.wrap(b, 0, 28)).isTrue(); // header only, empty payload
        assertThat(p.payloadLength()).isZero();
    }

    @Test
    void versionOtherThanTwoIsRejected() {
        byte[] b = chromeVp8();
        b[0] = (byte) (b[0] & 0x3F | 0x40);
        assertThatThrownBy(() -> RtpPacket.parse(b, 0, b.length))
                .isInstanceOf(RtpParseException.class).hasMessageContaining("version");
    }

    @Test
    void csrcCountPastTheEndIsRejected() {
        byte[] b = packet().payload(1, 2, 3, 4, 5, 6, 7, 8).build();
        b[0] = (byte) 0x8F; // 15 CSRCs = 60 bytes, only 8 present
        assertThatThrownBy(() -> RtpPacket.parse(b, 0, b.length))
                .isInstanceOf(RtpParseException.class).hasMessageContaining("CSRC");
    }

    @Test
    void extensionLengthPastTheEndIsRejected() {
        byte[] b = chromeVp8();
        b[14] = (byte) 0xFF;
        b[15] = (byte) 0xFF;
        assertThatThrownBy(() -> RtpPacket.parse(b, 0, b.length))
                .isInstanceOf(RtpParseException.class).hasMessageContaining("extension length");
    }

    @Test
    void paddingCountLargerThanThePayloadIsRejected() {
        byte[] b = packet().payload(1, 2, 3).padding(1).build();
        b[b.length - 1] = 5; // claims 5 bytes of padding, only 4 after the header
        assertThatThrownBy(() -> RtpPacket.parse(b, 0, b.length))
                .isInstanceOf(RtpParseException.class).hasMessageContaining("padding");
        b[b.length - 1] = 0;
        assertThatThrownBy(() -> RtpPacket.parse(b, 0, b.length)).isInstanceOf(RtpParseException.class);
    }

    @Test
    void extensionElementPastItsBlockIsNotFound() {
        byte[] b = packet().oneByte(1, 0x10).payload(1, 2, 3, 4).build();
        b[16] = (byte) 0x1F; // id 1, 16 bytes of data inside a 4-byte block
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        assertThat(p.findExtension(1)).isEqualTo(-1);
    }

    @Test
    void rangeOutsideTheArrayIsRejected() {
        byte[] b = chromeVp8();
        RtpPacket p = new RtpPacket();
        assertThat(p.wrap(b, 5, b.length)).isFalse();
        assertThat(p.wrap(b, -1, 12)).isFalse();
        assertThat(p.wrap(null, 0, 12)).isFalse();
        assertThat(p.wrap(b, 0, -3)).isFalse();
    }

    @Test
    void randomBuffersOnlyEverYieldTheDefinedFailure() {
        Random random = new Random(7741);
        RtpPacket p = new RtpPacket();
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[random.nextInt(80)];
            random.nextBytes(b);
            if (i % 2 == 0 && b.length > 0) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F)); // make half of them look like RTP v2
            }
            if (p.wrap(b, 0, b.length)) {
                accepted++;
                for (int id = 0; id < 256; id++) {
                    int at = p.findExtension(id);
                    if (at >= 0) {
                        assertThat(at + p.foundExtensionLength()).isLessThanOrEqualTo(b.length);
                    }
                }
                assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(b.length);
                Vp8Descriptor d = new Vp8Descriptor();
                if (d.wrap(b, p.payloadOffset(), p.payloadLength())) {
                    d.isKeyframe();
                    d.pictureId();
                    d.tl0PicIdx();
                    d.temporalLayer();
                }
                H264Nal.isKeyframe(b, p.payloadOffset(), p.payloadLength());
            } else {
                assertThat(p.failure()).isNotNull();
                assertThatThrownBy(() -> RtpPacket.parse(b, 0, b.length)).isInstanceOf(RtpParseException.class);
            }
        }
        assertThat(accepted).isPositive();
    }
}
