package org.plenum.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.media.rtp.TestRtp.packet;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutgoingStreamRewriterTest {

    private static final long LOW = 0x1111_1111L;
    private static final long HIGH = 0x2222_2222L;
    private static final long OUT = 0xCAFE_F00DL;
    private static final long FRAME_NANOS = 33_333_333L; // 30 fps
    private static final int FRAME_TICKS = 3000;         // 90 kHz

    private final OutgoingStreamRewriter rewriter = new OutgoingStreamRewriter(OUT, PayloadCodec.VP8, 90_000);
    private final List<Sent> sent = new ArrayList<>();

    /** What the subscriber receives. */
    record Sent(long ssrc, int seq, long ts, int pictureId, int tl0) {
    }

    /** Offers one VP8 packet of a layer to the rewriter; returns whether it was forwarded. */
    private boolean offer(long ssrc, int seq, long ts, int pictureId, int tl0, boolean keyframe, long now) {
        byte[] b = packet().payloadType(96).ssrc(ssrc).seq(seq).timestamp(ts)
                .oneByte(3, 0, 1).payload(TestRtp.vp8Payload(keyframe, pictureId, tl0, 0)).build();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        if (!rewriter.rewrite(p, now)) {
            return false;
        }
        RtpPacket out = RtpPacket.parse(b, 0, b.length);
        Vp8Descriptor d = Vp8Descriptor.parse(b, out.payloadOffset(), out.payloadLength());
        sent.add(new Sent(out.ssrc(), out.sequenceNumber(), out.timestamp(), d.pictureId(), d.tl0PicIdx()));
        return true;
    }

    private Sent last() {
        return sent.getLast();
    }

    @Test
    void nothingIsForwardedBeforeTheFirstKeyframe() {
        rewriter.selectSource(LOW);
        assertThat(rewriter.awaitingKeyframe()).isTrue();

        assertThat(offer(LOW, 10, 1000, 5, 1, false, 0)).isFalse();
        assertThat(offer(LOW, 11, 4000, 6, 1, true, FRAME_NANOS)).isTrue();

        assertThat(rewriter.awaitingKeyframe()).isFalse();
        assertThat(rewriter.currentSource()).isEqualTo(LOW);
        assertThat(last()).isEqualTo(new Sent(OUT, 11, 4000, 6, 1));
        assertThat(rewriter.droppedPackets()).isEqualTo(1);
    }

    @Test
    void simulcastSwitchAtKeyframeKeepsOneContinuousStream() {
        rewriter.selectSource(LOW);
        long now = 0;
        // low layer: keyframe, then frames, its seq wrapping at 65535
        int lowSeq = 65_532;
        long lowTs = 4_000_000_000L;
        int lowPic = 32_766;
        offer(LOW, lowSeq, lowTs, lowPic, 250, true, now);
        for (int i = 1; i <= 6; i++) {
            now += FRAME_NANOS;
            assertThat(offer(LOW, (lowSeq + i) & 0xFFFF, (lowTs + (long) i * FRAME_TICKS) & 0xFFFFFFFFL,
                    (lowPic + i) & 0x7FFF, (250 + i) & 0xFF, false, now)).isTrue();
        }
        Sent beforeSwitch = last();
        assertThat(beforeSwitch.seq()).isEqualTo(2);

        // the subscriber's window grew: ask for the high layer
        rewriter.selectSource(HIGH);
        assertThat(rewriter.awaitingKeyframe()).isTrue();
        assertThat(offer(HIGH, 500, 777_000, 9_000, 40, false, now + 1_000_000)).as("high delta before keyframe").isFalse();
        now += FRAME_NANOS;
        assertThat(offer(LOW, 3, (lowTs + 7L * FRAME_TICKS) & 0xFFFFFFFFL, 5, 1, false, now))
                .as("low keeps flowing until the high keyframe").isTrue();
        Sent lastLow = last();

        now += 10_000_000; // 10 ms later the high keyframe arrives
        assertThat(offer(HIGH, 501, 780_000, 9_001, 41, true, now)).isTrue();
        Sent keyframe = last();
        assertThat(rewriter.currentSource()).isEqualTo(HIGH);
        assertThat(rewriter.awaitingKeyframe()).isFalse();
        assertThat(keyframe.ssrc()).isEqualTo(OUT);
        assertThat(keyframe.seq()).isEqualTo((lastLow.seq() + 1) & 0xFFFF);
        assertThat(keyframe.ts() - lastLow.ts()).isEqualTo(900); // 10 ms at 90 kHz
        assertThat(keyframe.pictureId()).isEqualTo((lastLow.pictureId() + 1) & 0x7FFF);
        assertThat(keyframe.tl0()).isEqualTo((lastLow.tl0() + 1) & 0xFF);

        // late low-layer packets are dropped now
        assertThat(offer(LOW, 4, (lowTs + 8L * FRAME_TICKS) & 0xFFFFFFFFL, 6, 2, false, now)).isFalse();
        // a high packet from before its keyframe arriving late is dropped: its slot is taken
        assertThat(offer(HIGH, 500, 777_000, 9_000, 40, false, now)).isFalse();

        // high layer continues, with 503 overtaking 502
        now += FRAME_NANOS;
        assertThat(offer(HIGH, 503, 786_000, 9_003, 43, false, now)).isTrue();
        Sent s503 = last();
        assertThat(offer(HIGH, 502, 783_000, 9_002, 42, false, now)).isTrue();
        Sent s502 = last();
        assertThat(s502.seq()).isEqualTo(keyframe.seq() + 1);
        assertThat(s503.seq()).isEqualTo(keyframe.seq() + 2);
        assertThat(s503.ts() - s502.ts()).isEqualTo(3000);
        assertThat(s502.pictureId()).isEqualTo(keyframe.pictureId() + 1);

        // output as the subscriber sees it: every seq once, no gaps, timestamps never go backwards in seq order
        List<Sent> bySeq = new ArrayList<>(sent);
        bySeq.sort((a, b) -> Integer.compare((short) (a.seq() - sent.getFirst().seq()), (short) (b.seq() - sent.getFirst().seq())));
        for (int i = 1; i < bySeq.size(); i++) {
            assertThat(bySeq.get(i).seq()).isEqualTo((bySeq.get(i - 1).seq() + 1) & 0xFFFF);
            assertThat((int) (bySeq.get(i).ts() - bySeq.get(i - 1).ts())).isPositive();
        }
        assertThat(sent).allMatch(s -> s.ssrc() == OUT);
    }

    @Test
    void outputSequenceWrapsAcrossASwitch() {
        rewriter.selectSource(LOW);
        offer(LOW, 65_534, 1000, 1, 1, true, 0);
        offer(LOW, 65_535, 4000, 2, 1, false, FRAME_NANOS);
        rewriter.selectSource(HIGH);
        assertThat(offer(HIGH, 30_000, 50_000, 100, 9, true, 2 * FRAME_NANOS)).isTrue();
        assertThat(last().seq()).isZero();
        assertThat(offer(HIGH, 30_001, 53_000, 101, 9, false, 3 * FRAME_NANOS)).isTrue();
        assertThat(last().seq()).isEqualTo(1);
        assertThat(last().ts()).isEqualTo(4000 + 3000 + 3000);
    }

    @Test
    void switchingBackDropsPacketsFromTheEarlierVisit() {
        rewriter.selectSource(LOW);
        offer(LOW, 100, 1000, 1, 1, true, 0);
        offer(LOW, 101, 4000, 2, 1, false, FRAME_NANOS);
        rewriter.selectSource(HIGH);
        offer(HIGH, 7000, 90_000, 50, 5, true, 2 * FRAME_NANOS);
        rewriter.selectSource(LOW);
        assertThat(offer(LOW, 102, 7000, 3, 1, false, 3 * FRAME_NANOS)).as("low delta: not yet").isFalse();
        assertThat(offer(LOW, 110, 31_000, 10, 2, true, 4 * FRAME_NANOS)).isTrue();
        int backSeq = last().seq();
        assertThat(offer(LOW, 105, 16_000, 6, 2, false, 4 * FRAME_NANOS)).as("before the second keyframe").isFalse();
        assertThat(offer(LOW, 111, 34_000, 11, 2, false, 5 * FRAME_NANOS)).isTrue();
        assertThat(last().seq()).isEqualTo(backSeq + 1);
        assertThat(backSeq).isEqualTo(103); // 100, 101, high keyframe 102, low keyframe 103
    }

    @Test
    void longRunWithinOneLayerSurvivesManySeqWraps() {
        rewriter.selectSource(LOW);
        int seq = 60_000;
        long ts = 0;
        int pic = 0;
        offer(LOW, seq, ts, pic, 0, true, 0);
        for (int i = 1; i < 200_000; i++) {
            seq = (seq + 1) & 0xFFFF;
            ts += 3000;
            pic = (pic + 1) & 0x7FFF;
            if (!offer(LOW, seq, ts & 0xFFFFFFFFL, pic, i & 0xFF, false, i * FRAME_NANOS)) {
                throw new AssertionError("dropped packet " + i);
            }
        }
        assertThat(sent).hasSize(200_000);
        assertThat(last().seq()).isEqualTo(seq);
    }

    @Test
    void packetsOfUnselectedSourcesAreDropped() {
        rewriter.selectSource(LOW);
        assertThat(offer(0x3333L, 1, 1, 1, 1, true, 0)).isFalse();
        assertThat(rewriter.forwardedPackets()).isZero();
    }

    @Test
    void audioIsForwardedFromItsFirstPacket() {
        OutgoingStreamRewriter audio = new OutgoingStreamRewriter(OUT, PayloadCodec.OPUS, 48_000);
        audio.selectSource(0x5555L);
        byte[] b = packet().payloadType(111).ssrc(0x5555L).seq(9).timestamp(960).payload(0x78, 1, 2).build();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        assertThat(audio.rewrite(p, 0)).isTrue();
        assertThat(p.ssrc()).isEqualTo(OUT);
        assertThat(p.sequenceNumber()).isEqualTo(9);
        assertThat(p.timestamp()).isEqualTo(960);
        assertThat(b[p.payloadOffset()]).isEqualTo((byte) 0x78);
    }

    @Test
    void h264SwitchWaitsForAnIdr() {
        OutgoingStreamRewriter h264 = new OutgoingStreamRewriter(OUT, PayloadCodec.H264, 90_000);
        h264.selectSource(LOW);
        byte[] slice = packet().ssrc(LOW).seq(1).timestamp(100).payload(0x41, 0x9A).build();
        byte[] idr = packet().ssrc(LOW).seq(2).timestamp(3100).payload(0x7C, 0x85, 0x88).build();

        assertThat(h264.rewrite(RtpPacket.parse(slice, 0, slice.length), 0)).isFalse();
        assertThat(h264.rewrite(RtpPacket.parse(idr, 0, idr.length), 0)).isTrue();
        assertThat(h264.awaitingKeyframe()).isFalse();
    }
}
