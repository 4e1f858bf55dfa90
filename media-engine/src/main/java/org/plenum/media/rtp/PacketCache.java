package org.plenum.media.rtp;

/**
 * The most recently sent packets of one outgoing stream, kept so that a subscriber's NACK can be
 * answered with a retransmission (RFC 4585 NACK → RFC 4588 RTX).
 *
 * <p>A fixed ring of {@code capacity} slots (a power of two), indexed by output sequence number,
 * each holding a copy of the plain (unencrypted) RTP packet. Memory is bounded by
 * {@code capacity × maxPacketLength} and allocated once; storing never allocates. A newer packet
 * simply overwrites the slot of the packet {@code capacity} sequence numbers older.
 *
 * <pre>{@code
 * cache.store(buf, off, len);                      // after rewriting, before SRTP protect
 * int n = cache.buildRtx(nackedSeq, rtxSsrc, 97, rtxSeq++, out, 0); // -1 when no longer held
 * }</pre>
 *
 * Not thread-safe: store and lookup happen on the stream's send path.
 */
public final class PacketCache {

    /** Room for the largest packet a browser sends over a 1500-byte MTU path. */
    public static final int DEFAULT_MAX_PACKET_LENGTH = 1500;

    private final int mask;
    private final int maxPacketLength;
    private final byte[] slots;
    private final int[] lengths;   // 0 = empty
    private final int[] seqs;
    private final long[] storedAtNanos;

    public PacketCache(int capacity, int maxPacketLength) {
        if (capacity <= 0 || Integer.bitCount(capacity) != 1 || capacity > 32768) {
            throw new IllegalArgumentException("capacity must be a power of two up to 32768, was " + capacity);
        }
        if (maxPacketLength < RtpPacket.FIXED_HEADER_LENGTH || maxPacketLength > 65535) {
            throw new IllegalArgumentException("max packet length must be 12..65535, was " + maxPacketLength);
        }
        this.mask = capacity - 1;
        this.maxPacketLength = maxPacketLength;
        this.slots = new byte[capacity * maxPacketLength];
        this.lengths = new int[capacity];
        this.seqs = new int[capacity];
        this.storedAtNanos = new long[capacity];
    }

    public int capacity() {
        return mask + 1;
    }

    /**
     * Copies a sent RTP packet into the ring, keyed by its sequence number. Returns false (and
     * stores nothing) for packets that are too short or longer than a slot.
     */
    public boolean store(byte[] buf, int off, int len, long nowNanos) {
        if (buf == null || off < 0 || len < RtpPacket.FIXED_HEADER_LENGTH || len > maxPacketLength
                || off > buf.length - len) {
            return false;
        }
        int seq = RtpPacket.readU16(buf, off + 2);
        int slot = seq & mask;
        System.arraycopy(buf, off, slots, slot * maxPacketLength, len);
        lengths[slot] = len;
        seqs[slot] = seq;
        storedAtNanos[slot] = nowNanos;
        return true;
    }

    /** Whether the packet with this output sequence number is still held. */
    public boolean contains(int seq) {
        int slot = seq & mask;
        return lengths[slot] != 0 && seqs[slot] == (seq & 0xFFFF);
    }

    /** When the held packet was stored (for "too old to be worth resending" decisions), or -1. */
    public long storedAtNanos(int seq) {
        return contains(seq) ? storedAtNanos[seq & mask] : -1;
    }

    /** Copies the held packet into {@code dst}; returns its length or -1 if not held or no room. */
    public int copy(int seq, byte[] dst, int dstOff) {
        if (!contains(seq)) {
            return -1;
        }
        int slot = seq & mask;
        int len = lengths[slot];
        if (dstOff < 0 || dstOff > dst.length - len) {
            return -1;
        }
        System.arraycopy(slots, slot * maxPacketLength, dst, dstOff, len);
        return len;
    }

    /**
     * Builds the RTX packet for the held packet {@code seq} into {@code dst}; returns its length,
     * or -1 if the packet is no longer held or {@code dst} is too small.
     */
    public int buildRtx(int seq, long rtxSsrc, int rtxPayloadType, int rtxSeq, byte[] dst, int dstOff) {
        if (!contains(seq)) {
            return -1;
        }
        int slot = seq & mask;
        return buildRtx(slots, slot * maxPacketLength, lengths[slot], rtxSsrc, rtxPayloadType, rtxSeq, dst, dstOff);
    }

    /**
     * Builds an RTX packet (RFC 4588 §4) from an original RTP packet: the original header with the
     * RTX payload type, RTX sequence number and RTX SSRC (timestamp, marker, CSRCs and header
     * extensions kept), then the original sequence number (OSN, 2 bytes), then the original payload
     * without its padding. Returns the length written, or -1 if the original is not RTP or
     * {@code dst} lacks room.
     */
    public static int buildRtx(byte[] orig, int off, int len, long rtxSsrc, int rtxPayloadType, int rtxSeq,
                               byte[] dst, int dstOff) {
        RtpPacket p = new RtpPacket();
        if (!p.wrap(orig, off, len) || rtxPayloadType < 0 || rtxPayloadType > 127) {
            return -1;
        }
        int header = p.headerLength();
        int payload = p.payloadLength();
        int total = header + 2 + payload;
        if (dst == null || dstOff < 0 || dstOff > dst.length - total) {
            return -1;
        }
        int originalSeq = p.sequenceNumber();
        // arraycopy behaves as if through a temporary, so building over the original in place works.
        System.arraycopy(orig, p.payloadOffset(), dst, dstOff + header + 2, payload);
        System.arraycopy(orig, off, dst, dstOff, header);
        RtpPacket.writeU16(dst, dstOff + header, originalSeq);
        dst[dstOff] = (byte) (dst[dstOff] & ~0x20); // padding was dropped
        dst[dstOff + 1] = (byte) ((dst[dstOff + 1] & 0x80) | rtxPayloadType);
        RtpPacket.writeU16(dst, dstOff + 2, rtxSeq);
        RtpPacket.writeU32(dst, dstOff + 8, rtxSsrc);
        return total;
    }

    /**
     * Reads the original sequence number of an RTX packet and restores the original packet in
     * place (RFC 4588 §4): the OSN is removed and the payload moved up by two bytes. Returns the
     * original packet's length, or -1 if this is not an RTX packet with an OSN.
     */
    public static int unwrapRtx(byte[] buf, int off, int len, long originalSsrc, int originalPayloadType) {
        RtpPacket p = new RtpPacket();
        if (!p.wrap(buf, off, len) || p.payloadLength() < 2) {
            return -1;
        }
        int osn = RtpPacket.readU16(buf, p.payloadOffset());
        int payload = p.payloadLength() - 2;
        System.arraycopy(buf, p.payloadOffset() + 2, buf, p.payloadOffset(), payload);
        buf[off] = (byte) (buf[off] & ~0x20);
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | (originalPayloadType & 0x7F));
        RtpPacket.writeU16(buf, off + 2, osn);
        RtpPacket.writeU32(buf, off + 8, originalSsrc);
        return p.headerLength() + payload;
    }
}
