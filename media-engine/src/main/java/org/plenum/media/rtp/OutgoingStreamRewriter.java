package org.plenum.media.rtp;

/**
 * Turns whichever simulcast layer is currently chosen for one subscriber's track into one
 * continuous outgoing RTP stream: one output SSRC, sequence numbers without jumps, timestamps that
 * keep advancing, and (for VP8) PictureID and TL0PICIDX that continue across a layer switch, so
 * the subscriber's jitter buffer and decoder see a single stream.
 *
 * <p>Use: {@link #selectSource(long)} names the layer (source SSRC) that should be forwarded. The
 * switch happens at the first keyframe of that layer; until then the previous layer keeps flowing
 * and {@link #awaitingKeyframe()} tells the forwarder to ask the publisher for one. Each received
 * packet goes through {@link #rewrite(RtpPacket, long)}: true means it was rewritten in place and
 * should be sent, false means drop it.
 *
 * <p>Mapping: within a layer, output seq = source seq + seqOffset (mod 2^16) and output
 * timestamp = source ts + tsOffset (mod 2^32), so reordering and gaps within a layer are kept as
 * they are (the subscriber NACKs gaps). At a switch the offsets are chosen so the keyframe gets
 * the next output seq after the highest sent, and a timestamp that is later than the last one
 * sent by the wall-clock time elapsed since (at least one tick). Packets of the old layer after
 * the switch, and packets of the new layer older than its keyframe, are dropped: their output
 * numbers would collide with ones already used.
 *
 * <p>Not thread-safe: one instance belongs to one subscriber's send path.
 */
public final class OutgoingStreamRewriter {

    private static final long NO_SOURCE = -1;

    private final long outputSsrc;
    private final PayloadCodec codec;
    private final int clockRate;
    private final Vp8Descriptor vp8 = new Vp8Descriptor();

    private long targetSsrc = NO_SOURCE;
    private long currentSsrc = NO_SOURCE;
    private boolean started;

    private int seqOffset;
    private long tsOffset;
    private int pictureIdOffset;
    private int tl0Offset;

    // source side of the current layer, extended to 64 bits so wrap is not a special case
    private long switchSourceSeq;
    private long highestSourceSeq;

    // output side, what the subscriber has seen
    private int highestOutSeq;
    private long highestOutTs;
    private long highestOutAtNanos;
    private int highestOutPictureId = -1;
    private int highestOutTl0 = -1;

    private long forwarded;
    private long dropped;

    /**
     * @param outputSsrc the SSRC the subscriber knows this track by
     * @param codec      decides where a switch may happen and whether VP8 fields are rewritten
     * @param clockRate  RTP clock rate of the codec (90000 video, 48000 Opus)
     */
    public OutgoingStreamRewriter(long outputSsrc, PayloadCodec codec, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, was " + clockRate);
        }
        this.outputSsrc = outputSsrc & 0xFFFFFFFFL;
        this.codec = codec;
        this.clockRate = clockRate;
    }

    /** Chooses the source (layer SSRC) to forward; takes effect at that layer's next switch point. */
    public void selectSource(long sourceSsrc) {
        this.targetSsrc = sourceSsrc & 0xFFFFFFFFL;
    }

    /**
     * Stops forwarding until the next switch point (keyframe) of the selected source, as when a paused video
     * resumes: the frames in between would reference pictures the subscriber never got. The output then
     * continues with the next sequence number, like a layer switch.
     */
    public void pause() {
        if (targetSsrc == NO_SOURCE) {
            targetSsrc = currentSsrc;
        }
        currentSsrc = NO_SOURCE;
    }

    /** True while a chosen layer is not yet flowing because its keyframe has not arrived. */
    public boolean awaitingKeyframe() {
        return targetSsrc != NO_SOURCE && targetSsrc != currentSsrc;
    }

    public long outputSsrc() { return outputSsrc; }
    /** The source being forwarded now, or -1 before the first switch point. */
    public long currentSource() { return currentSsrc; }
    /** The source asked for with {@link #selectSource}, or -1. */
    public long targetSource() { return targetSsrc; }
    public long forwardedPackets() { return forwarded; }
    public long droppedPackets() { return dropped; }

    /**
     * Decides whether {@code packet} (received from the publisher, already decrypted) is sent to
     * this subscriber, and if so rewrites SSRC, sequence number, timestamp and VP8 numbering in
     * place.
     *
     * @param nowNanos a monotonic clock reading (System.nanoTime), used to advance the timestamp
     *                 across a switch
     * @return true if the packet was rewritten and should be sent
     */
    public boolean rewrite(RtpPacket packet, long nowNanos) {
        long ssrc = packet.ssrc();
        int seq = packet.sequenceNumber();
        boolean vp8Parsed = codec == PayloadCodec.VP8
                && vp8.wrap(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
        if (ssrc == targetSsrc && targetSsrc != currentSsrc) {
            if (!isSwitchPoint(packet, vp8Parsed)) {
                return drop();
            }
            switchTo(packet, vp8Parsed, nowNanos);
        } else if (ssrc != currentSsrc) {
            return drop();
        }

        long extended = extend(seq);
        if (extended < switchSourceSeq) {
            return drop(); // from before the switch point: its output seq is already taken
        }
        int outSeq = (seq + seqOffset) & 0xFFFF;
        long outTs = (packet.timestamp() + tsOffset) & 0xFFFFFFFFL;
        packet.setSsrc(outputSsrc);
        packet.setSequenceNumber(outSeq);
        packet.setTimestamp(outTs);
        if (vp8Parsed) {
            rewriteVp8();
        }
        if (extended > highestSourceSeq) {
            highestSourceSeq = extended;
            highestOutSeq = outSeq;
            highestOutTs = outTs;
            highestOutAtNanos = nowNanos;
        }
        started = true;
        forwarded++;
        return true;
    }

    private boolean isSwitchPoint(RtpPacket packet, boolean vp8Parsed) {
        if (codec == PayloadCodec.VP8) {
            return vp8Parsed && vp8.isKeyframe();
        }
        return codec.isSwitchPoint(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
    }

    private void switchTo(RtpPacket packet, boolean vp8Parsed, long nowNanos) {
        int seq = packet.sequenceNumber();
        long ts = packet.timestamp();
        if (!started) {
            seqOffset = 0;
            tsOffset = 0;
        } else {
            seqOffset = (highestOutSeq + 1 - seq) & 0xFFFF;
            long elapsedTicks = ((nowNanos - highestOutAtNanos) / 1_000L * clockRate + 500_000L) / 1_000_000L;
            long step = Math.max(1, elapsedTicks);
            tsOffset = (highestOutTs + step - ts) & 0xFFFFFFFFL;
        }
        if (vp8Parsed) {
            int pictureId = vp8.pictureId();
            pictureIdOffset = pictureId < 0 || highestOutPictureId < 0 ? 0 : (highestOutPictureId + 1 - pictureId) & 0x7FFF;
            int tl0 = vp8.tl0PicIdx();
            tl0Offset = tl0 < 0 || highestOutTl0 < 0 ? 0 : (highestOutTl0 + 1 - tl0) & 0xFF;
        }
        currentSsrc = targetSsrc;
        switchSourceSeq = seq;
        highestSourceSeq = seq - 1L; // so the keyframe itself becomes the highest sent
    }

    private void rewriteVp8() {
        if (vp8.hasPictureId()) {
            int out = (vp8.pictureId() + pictureIdOffset) & 0x7FFF;
            vp8.setPictureId(out);
            out = vp8.pictureId(); // a 7-bit field keeps only the low bits
            if (highestOutPictureId < 0 || newer(out, highestOutPictureId, vp8.hasLongPictureId() ? 0x7FFF : 0x7F)) {
                highestOutPictureId = out;
            }
        }
        if (vp8.hasTl0PicIdx()) {
            int out = (vp8.tl0PicIdx() + tl0Offset) & 0xFF;
            vp8.setTl0PicIdx(out);
            if (highestOutTl0 < 0 || newer(out, highestOutTl0, 0xFF)) {
                highestOutTl0 = out;
            }
        }
    }

    private static boolean newer(int candidate, int reference, int mask) {
        int diff = (candidate - reference) & mask;
        return diff != 0 && diff <= (mask >> 1);
    }

    /** Places a 16-bit source seq on the 64-bit line nearest to the highest seen in this layer. */
    private long extend(int seq) {
        int delta = (short) (seq - (int) (highestSourceSeq & 0xFFFF));
        return highestSourceSeq + delta;
    }

    private boolean drop() {
        dropped++;
        return false;
    }
}
