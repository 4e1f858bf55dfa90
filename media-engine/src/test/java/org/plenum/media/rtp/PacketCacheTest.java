package org.plenum.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.media.rtp.TestRtp.packet;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketCacheTest {

    private final PacketCache cache = new PacketCache(256, PacketCache.DEFAULT_MAX_PACKET_LENGTH);

    private static byte[] sent(int seq) {
        return packet().payloadType(96).ssrc(0xCAFEF00DL).seq(seq).timestamp(90_000L + seq).marker(true)
                .oneByte(3, 0x12, 0x34).oneByteString(4, "1")
                .payload(TestRtp.vp8Payload(false, seq & 0x7FFF, 3, 0)).build();
    }

    @Test
    void storedPacketIsFoundByItsSequenceNumber() {
        byte[] p = sent(4711);
        assertThat(cache.store(p, 0, p.length, 123)).isTrue();

        byte[] out = new byte[1500];
        int n = cache.copy(4711, out, 10);
        assertThat(n).isEqualTo(p.length);
        assertThat(Arrays.copyOfRange(out, 10, 10 + n)).isEqualTo(p);
        assertThat(cache.storedAtNanos(4711)).isEqualTo(123);
        assertThat(cache.contains(4712)).isFalse();
        assertThat(cache.copy(4712, out, 0)).isEqualTo(-1);
    }

    @Test
    void rtxCarriesTheOriginalSequenceNumberBeforeThePayload() {
        byte[] original = sent(65_535);
        cache.store(original, 0, original.length, 0);
        byte[] out = new byte[1500];

        int n = cache.buildRtx(65_535, 0xBEEF0001L, 97, 12, out, 0);

        RtpPacket o = RtpPacket.parse(original, 0, original.length);
        RtpPacket rtx = RtpPacket.parse(out, 0, n);
        assertThat(n).isEqualTo(original.length + 2);
        assertThat(rtx.payloadType()).isEqualTo(97);
        assertThat(rtx.ssrc()).isEqualTo(0xBEEF0001L);
        assertThat(rtx.sequenceNumber()).isEqualTo(12);
        assertThat(rtx.timestamp()).isEqualTo(o.timestamp());
        assertThat(rtx.marker()).isTrue();
        assertThat(rtx.findExtension(3)).isPositive(); // header extensions kept
        assertThat(RtpPacket.readU16(out, rtx.payloadOffset())).isEqualTo(65_535);
        assertThat(Arrays.copyOfRange(out, rtx.payloadOffset() + 2, n))
                .isEqualTo(Arrays.copyOfRange(original, o.payloadOffset(), original.length));
    }

    @Test
    void rtxDropsThePaddingOfTheOriginal() {
        byte[] padded = packet().seq(7).payload(1, 2, 3).padding(5).build();
        byte[] out = new byte[100];
        int n = PacketCache.buildRtx(padded, 0, padded.length, 99, 97, 1, out, 0);

        RtpPacket rtx = RtpPacket.parse(out, 0, n);
        assertThat(rtx.hasPadding()).isFalse();
        assertThat(rtx.payloadLength()).isEqualTo(5);
        assertThat(Arrays.copyOfRange(out, rtx.payloadOffset(), n)).containsExactly(0, 7, 1, 2, 3);
    }

    @Test
    void rtxUnwrapsToTheOriginalPacket() {
        byte[] original = sent(300);
        byte[] out = new byte[1500];
        int n = PacketCache.buildRtx(original, 0, original.length, 0xBEEF0001L, 97, 5, out, 0);

        int restored = PacketCache.unwrapRtx(out, 0, n, 0xCAFEF00DL, 96);

        assertThat(Arrays.copyOf(out, restored)).isEqualTo(original);
    }

    @Test
    void olderPacketsAreOverwrittenSoMemoryStaysBounded() {
        for (int seq = 0; seq < 1000; seq++) {
            byte[] p = sent(seq);
            cache.store(p, 0, p.length, seq);
        }
        assertThat(cache.contains(999)).isTrue();
        assertThat(cache.contains(744)).isTrue();
        assertThat(cache.contains(743)).isFalse();
        assertThat(cache.buildRtx(743, 1, 97, 1, new byte[1500], 0)).isEqualTo(-1);
    }

    @Test
    void cacheSurvivesSequenceWrap() {
        for (int i = 65_500; i < 65_600; i++) {
            byte[] p = sent(i & 0xFFFF);
            cache.store(p, 0, p.length, i);
        }
        assertThat(cache.contains(65_535)).isTrue();
        assertThat(cache.contains(63)).isTrue();
        assertThat(cache.contains(64)).isFalse();
    }

    @Test
    void packetsTooLargeOrNotRtpAreNotStored() {
        PacketCache small = new PacketCache(16, 64);
        byte[] big = packet().payload(new byte[100]).build();
        assertThat(small.store(big, 0, big.length, 0)).isFalse();
        assertThat(small.store(new byte[5], 0, 5, 0)).isFalse();
        assertThat(PacketCache.buildRtx(new byte[] {1, 2, 3}, 0, 3, 1, 97, 1, new byte[100], 0)).isEqualTo(-1);
    }

    @Test
    void rtxIntoATooSmallBufferFails() {
        byte[] original = sent(1);
        cache.store(original, 0, original.length, 0);
        assertThat(cache.buildRtx(1, 1, 97, 1, new byte[original.length + 1], 0)).isEqualTo(-1);
        assertThat(cache.buildRtx(1, 1, 97, 1, new byte[original.length + 2], 0)).isEqualTo(original.length + 2);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new PacketCache(100, 1500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketCache(256, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
