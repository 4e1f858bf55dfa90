package org.plenum.media.ice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import java.util.Objects;

/**
 * RFC 4571 framing, as ICE-TCP (RFC 6544) uses it: every STUN, DTLS, RTP or RTCP packet on the TCP
 * stream is preceded by its length as a 16-bit big-endian number. So a frame holds at most 65535 bytes.
 *
 * <p>The plain methods work on arrays; {@link Decoder} and {@link Encoder} put the same rules into a Netty
 * pipeline:
 *
 * <pre>{@code
 * pipeline.addLast(new Rfc4571Framing.Decoder(Rfc4571Framing.MAX_FRAME_LENGTH), new Rfc4571Framing.Encoder(), handler);
 * }</pre>
 *
 * Zero-length frames are legal on the wire but carry no packet, so the decoder skips them. A length above
 * the decoder's limit means the peer is broken or hostile; the decoder then raises a
 * {@link TooLongFrameException} once and ignores everything after it, and the owner should close the
 * connection. Memory per connection is bounded by the limit: the decoder never buffers more than one
 * incomplete frame.
 */
public final class Rfc4571Framing {

    /** The largest length the 16-bit field can express. */
    public static final int MAX_FRAME_LENGTH = 0xFFFF;
    public static final int HEADER_LENGTH = 2;

    private Rfc4571Framing() {
    }

    /** {@code buf[off, off + len)} with its two-byte length in front. */
    public static byte[] frame(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        checkLength(len);
        byte[] out = new byte[HEADER_LENGTH + len];
        out[0] = (byte) (len >>> 8);
        out[1] = (byte) len;
        System.arraycopy(buf, off, out, HEADER_LENGTH, len);
        return out;
    }

    /**
     * The length of the frame at {@code buf[off]} if the header and the whole payload are within
     * {@code buf[off, off + available)}, else -1 (wait for more bytes).
     */
    public static int completeFrameLength(byte[] buf, int off, int available) {
        Objects.checkFromIndexSize(off, available, buf.length);
        if (available < HEADER_LENGTH) {
            return -1;
        }
        int length = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
        return available - HEADER_LENGTH >= length ? length : -1;
    }

    private static void checkLength(int len) {
        if (len > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("an RFC 4571 frame holds at most 65535 bytes, not " + len);
        }
    }

    /**
     * Splits the TCP byte stream into frames; emits each payload as a {@link ByteBuf} (a retained slice
     * of the cumulation, so no copy). Not sharable: one instance per connection.
     */
    public static final class Decoder extends ByteToMessageDecoder {

        private final int maxFrameLength;
        private boolean failed;

        /** @param maxFrameLength the largest payload accepted, 1..65535 */
        public Decoder(int maxFrameLength) {
            if (maxFrameLength < 1 || maxFrameLength > MAX_FRAME_LENGTH) {
                throw new IllegalArgumentException("maxFrameLength must be 1..65535: " + maxFrameLength);
            }
            this.maxFrameLength = maxFrameLength;
        }

        public Decoder() {
            this(MAX_FRAME_LENGTH);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (failed) {
                in.skipBytes(in.readableBytes());
                return;
            }
            while (in.readableBytes() >= HEADER_LENGTH) {
                int length = in.getUnsignedShort(in.readerIndex());
                if (length > maxFrameLength) {
                    failed = true;
                    in.skipBytes(in.readableBytes());
                    throw new TooLongFrameException("RFC 4571 frame of " + length + " bytes exceeds " + maxFrameLength);
                }
                if (in.readableBytes() - HEADER_LENGTH < length) {
                    return;
                }
                in.skipBytes(HEADER_LENGTH);
                if (length == 0) {
                    continue;
                }
                out.add(in.readRetainedSlice(length));
            }
        }
    }

    /** Prepends the two-byte length to each outgoing {@link ByteBuf} without copying the payload. */
    @ChannelHandler.Sharable
    public static final class Encoder extends MessageToMessageEncoder<ByteBuf> {

        public Encoder() {
            super(ByteBuf.class);
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
            int length = msg.readableBytes();
            if (length > MAX_FRAME_LENGTH) {
                throw new EncoderException("an RFC 4571 frame holds at most 65535 bytes, not " + length);
            }
            ByteBuf header = ctx.alloc().buffer(HEADER_LENGTH);
            header.writeShort(length);
            out.add(header);
            out.add(msg.retain());
        }
    }
}
