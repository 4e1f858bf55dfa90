package org.plenum.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Rfc4571FramingTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new Rfc4571Framing.Decoder(), new Rfc4571Framing.Encoder());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private List<byte[]> received() {
        List<byte[]> frames = new ArrayList<>();
        for (ByteBuf b; (b = channel.readInbound()) != null; ) {
            frames.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        return frames;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void frameIsTheLengthInBigEndianThenThePayload() {
        assertThat(Rfc4571Framing.frame(bytes(9, 8, 7), 0, 3)).containsExactly(0, 3, 9, 8, 7);
        assertThat(Rfc4571Framing.frame(new byte[300], 0, 300)).startsWith(1, 44);
        assertThatThrownBy(() -> Rfc4571Framing.frame(new byte[65536], 0, 65536))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void completeFrameLengthWaitsForTheWholeFrame() {
        byte[] framed = Rfc4571Framing.frame(bytes(1, 2, 3), 0, 3);
        for (int available = 0; available < framed.length; available++) {
            assertThat(Rfc4571Framing.completeFrameLength(framed, 0, available)).isEqualTo(-1);
        }
        assertThat(Rfc4571Framing.completeFrameLength(framed, 0, framed.length)).isEqualTo(3);
    }

    @Test
    void framesArrivingByteByByteAreReassembled() {
        byte[] stream = new byte[0];
        stream = concat(stream, Rfc4571Framing.frame(bytes(1, 2, 3), 0, 3));
        stream = concat(stream, Rfc4571Framing.frame(bytes(4), 0, 1));
        for (byte b : stream) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(received()).containsExactly(bytes(1, 2, 3), bytes(4));
    }

    @Test
    void severalFramesInOneReadAreAllDelivered() {
        byte[] stream = concat(concat(Rfc4571Framing.frame(bytes(1), 0, 1), Rfc4571Framing.frame(bytes(2, 2), 0, 2)),
                bytes(0, 5, 9)); // and the start of a third
        channel.writeInbound(Unpooled.wrappedBuffer(stream));
        assertThat(received()).containsExactly(bytes(1), bytes(2, 2));

        channel.writeInbound(Unpooled.wrappedBuffer(bytes(9, 9, 9, 9)));
        assertThat(received()).containsExactly(bytes(9, 9, 9, 9, 9));
    }

    @Test
    void zeroLengthFramesAreSkipped() {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(0, 0, 0, 0, 0, 1, 7, 0, 0)));
        assertThat(received()).containsExactly(bytes(7));
    }

    @Test
    void maximumLengthFrameIsDelivered() {
        byte[] payload = new byte[65535];
        new Random(1).nextBytes(payload);
        channel.writeInbound(Unpooled.wrappedBuffer(Rfc4571Framing.frame(payload, 0, payload.length)));
        assertThat(received()).containsExactly(payload);
    }

    @Test
    void declaredLengthAboveTheLimitFailsOnceAndTheRestIsIgnored() {
        EmbeddedChannel strict = new EmbeddedChannel(new Rfc4571Framing.Decoder(1500));
        assertThatThrownBy(() -> strict.writeInbound(Unpooled.wrappedBuffer(bytes(0xFF, 0xFF, 1, 2, 3))))
                .isInstanceOf(TooLongFrameException.class);

        strict.writeInbound(Unpooled.wrappedBuffer(Rfc4571Framing.frame(bytes(1), 0, 1)));
        Object next = strict.readInbound();
        assertThat(next).isNull();
        strict.finishAndReleaseAll();
    }

    @Test
    void hostileLengthWithoutPayloadBuffersNoMoreThanOneFrame() {
        // 65535 announced, a trickle sent: nothing is emitted, and the decoder holds only what arrived.
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(0xFF, 0xFF)));
        for (int i = 0; i < 100; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[100]));
        }
        assertThat(received()).isEmpty();
    }

    @Test
    void randomStreamsNeverThrowWithTheDefaultLimit() {
        Random random = new Random(4571);
        for (int i = 0; i < 200; i++) {
            byte[] chunk = new byte[random.nextInt(3000)];
            random.nextBytes(chunk);
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            received();
        }
    }

    @Test
    void encoderPrependsTheLength() {
        channel.writeOutbound(Unpooled.wrappedBuffer(bytes(5, 6)));
        byte[] wire = new byte[0];
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            wire = concat(wire, ByteBufUtil.getBytes(b));
            b.release();
        }
        assertThat(wire).containsExactly(0, 2, 5, 6);
    }

    @Test
    void encoderRefusesOversizedPackets() {
        assertThatThrownBy(() -> channel.writeOutbound(Unpooled.wrappedBuffer(new byte[65536])))
                .hasMessageContaining("65535");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
