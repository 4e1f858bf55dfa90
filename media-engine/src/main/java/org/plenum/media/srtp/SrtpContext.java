package org.plenum.media.srtp;

import java.util.Objects;

/**
 * Protects or unprotects the RTP and RTCP packets of one direction of one transport (RFC 3711, RFC 7714),
 * keeping per-SSRC state: the rollover counter and highest index, a replay window for SRTP (1024 packets)
 * and SRTCP (128 packets), and the next SRTCP index to send.
 *
 * <p>Use one context per direction: protecting and unprotecting the same SSRC on one context would share
 * (and confuse) that SSRC's state. Protecting refuses to reuse a packet index, as libsrtp does, because
 * encrypting two different packets under one index leaks both (and breaks GCM outright).
 *
 * <p><b>Threading:</b> not thread-safe. A context reuses its ciphers and scratch arrays across packets, so it
 * must be used by one thread at a time (e.g. the event loop that owns the transport).
 *
 * <p><b>Packets:</b> all methods work in place on {@code buf[off, off+len)} and return the new length.
 * Protecting appends a tag (and for SRTCP a 4-byte index), so {@code buf} needs
 * {@link #maxRtpOverhead}/{@link #maxRtcpOverhead} spare bytes after {@code off + len}. Malformed, forged,
 * replayed or otherwise unacceptable packets raise {@link SrtpException} (nothing else, whatever the bytes);
 * after a failed unprotect the packet bytes are unspecified and the packet should be dropped. An
 * {@code off}/{@code len} outside {@code buf} is a programming error and raises {@link IndexOutOfBoundsException}.
 *
 * <p><b>Memory:</b> a context tracks at most {@code maxSsrcs} SSRCs (default {@value #DEFAULT_MAX_SSRCS}).
 * A received packet only creates state after it authenticated, so only a peer holding the keys can fill the
 * table; beyond the limit new SSRCs fail with {@link SrtpFailure#SSRC_LIMIT} until
 * {@link #forgetSsrc(int)} frees a slot (call it when a stream ends: RTCP BYE, renegotiation).
 */
public final class SrtpContext {
    /** Default bound on tracked SSRCs: ample for one transport's publishers or one subscriber's forwarded tracks. */
    public static final int DEFAULT_MAX_SSRCS = 64;

    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    private static final long MAX_SRTP_INDEX = (1L << 48) - 1;

    private final SrtpProfile profile;
    private final PacketCipher cipher;
    private final SsrcTable streams;

    /** A context for this master key with the default SSRC limit. */
    public SrtpContext(SrtpMasterKey master) {
        this(master, DEFAULT_MAX_SSRCS);
    }

    /** A context for this master key that tracks at most {@code maxSsrcs} SSRCs. */
    public SrtpContext(SrtpMasterKey master, int maxSsrcs) {
        this(master.profile(), SessionKeys.derive(master), maxSsrcs);
    }

    /** From session keys directly: the RFC 7714 test vectors are given that way. */
    SrtpContext(SrtpProfile profile, SessionKeys keys, int maxSsrcs) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.cipher = profile == SrtpProfile.AEAD_AES_128_GCM ? new AesGcmCipher(keys) : new AesCmHmacCipher(keys);
        this.streams = new SsrcTable(maxSsrcs);
    }

    /** Bytes {@link #protectRtp} adds to a packet: the tag. */
    public static int maxRtpOverhead(SrtpProfile profile) {
        return profile.tagLength();
    }

    /** Bytes {@link #protectRtcp} adds to a packet: the tag and the 4-byte E flag with SRTCP index. */
    public static int maxRtcpOverhead(SrtpProfile profile) {
        return profile.tagLength() + 4;
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** How many SSRCs this context currently tracks. */
    public int ssrcCount() {
        return streams.size();
    }

    /**
     * Drops the state of an SSRC whose stream ended; returns whether it was tracked. Its replay window goes
     * with it, so on a receiving context old packets of that SSRC would be accepted once more, and on a
     * sending context the SSRC must not resume with sequence numbers it already used.
     */
    public boolean forgetSsrc(int ssrc) {
        return streams.remove(ssrc);
    }

    /** The state of an SSRC, or null; for tests that need to reach the ends of the index spaces. */
    StreamState streamState(int ssrc) {
        return streams.find(ssrc);
    }

    /** Turns an RTP packet into an SRTP packet in place; returns the new length. */
    public int protectRtp(byte[] buf, int off, int len) throws SrtpException {
        Objects.checkFromIndexSize(off, len, buf.length);
        int headerLength = rtpHeaderLength(buf, off, len);
        requireRoom(buf, off, len, maxRtpOverhead(profile));
        int ssrc = BigEndian.readInt(buf, off + 8);
        StreamState s = stateForSending(ssrc);
        long index = s.estimateRtpIndex(BigEndian.readUnsignedShort(buf, off + 2));
        requireFresh(s.rtp, index);
        if (index > MAX_SRTP_INDEX) {
            throw SrtpException.of(SrtpFailure.INDEX_EXHAUSTED);
        }
        int n = cipher.protectRtp(buf, off, len, headerLength, ssrc, index);
        s.rtp.accept(index);
        return n;
    }

    /** Verifies and decrypts an SRTP packet in place; returns the length of the RTP packet. */
    public int unprotectRtp(byte[] buf, int off, int len) throws SrtpException {
        Objects.checkFromIndexSize(off, len, buf.length);
        int tag = profile.tagLength();
        if (len < RTP_HEADER + tag) {
            throw SrtpException.of(SrtpFailure.TOO_SHORT);
        }
        int headerLength = rtpHeaderLength(buf, off, len - tag);
        int ssrc = BigEndian.readInt(buf, off + 8);
        int seq = BigEndian.readUnsignedShort(buf, off + 2);
        StreamState s = streams.find(ssrc);
        long index;
        if (s == null) {
            if (streams.isFull()) {
                throw SrtpException.of(SrtpFailure.SSRC_LIMIT);
            }
            index = seq;
        } else {
            index = s.estimateRtpIndex(seq);
            requireFresh(s.rtp, index);
            if (index > MAX_SRTP_INDEX) {
                throw SrtpException.of(SrtpFailure.INDEX_EXHAUSTED);
            }
        }
        int n = cipher.unprotectRtp(buf, off, len, headerLength, ssrc, index);
        if (s == null) {
            s = streams.add(ssrc);
        }
        s.rtp.accept(index);
        return n;
    }

    /** Turns an RTCP compound packet into an SRTCP packet in place (always encrypted, E=1); returns the new length. */
    public int protectRtcp(byte[] buf, int off, int len) throws SrtpException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < RTCP_HEADER) {
            throw SrtpException.of(SrtpFailure.TOO_SHORT);
        }
        requireVersion2(buf, off);
        requireRoom(buf, off, len, maxRtcpOverhead(profile));
        int ssrc = BigEndian.readInt(buf, off + 4);
        StreamState s = stateForSending(ssrc);
        int index = s.nextRtcpIndex;
        if (index < 0) {
            throw SrtpException.of(SrtpFailure.INDEX_EXHAUSTED);
        }
        int n = cipher.protectRtcp(buf, off, len, ssrc, index);
        s.nextRtcpIndex = index + 1; // wraps negative after 2^31 - 1: exhausted
        return n;
    }

    /**
     * Verifies and, if its E flag is set, decrypts an SRTCP packet in place; returns the length of the RTCP
     * compound packet. Packets with E clear (authenticated only) are accepted as RFC 3711 allows.
     */
    public int unprotectRtcp(byte[] buf, int off, int len) throws SrtpException {
        Objects.checkFromIndexSize(off, len, buf.length);
        int tag = profile.tagLength();
        if (len < RTCP_HEADER + 4 + tag) {
            throw SrtpException.of(SrtpFailure.TOO_SHORT);
        }
        requireVersion2(buf, off);
        int ssrc = BigEndian.readInt(buf, off + 4);
        // RFC 3711 puts E|index before the tag, RFC 7714 after it
        int trailerOff = profile == SrtpProfile.AEAD_AES_128_GCM ? off + len - 4 : off + len - tag - 4;
        int eAndIndex = BigEndian.readInt(buf, trailerOff);
        int index = eAndIndex & 0x7FFF_FFFF;
        StreamState s = streams.find(ssrc);
        if (s == null) {
            if (streams.isFull()) {
                throw SrtpException.of(SrtpFailure.SSRC_LIMIT);
            }
        } else {
            requireFresh(s.rtcp, index);
        }
        int n = cipher.unprotectRtcp(buf, off, len, ssrc, eAndIndex);
        if (s == null) {
            s = streams.add(ssrc);
        }
        s.rtcp.accept(index);
        return n;
    }

    private StreamState stateForSending(int ssrc) throws SrtpException {
        StreamState s = streams.find(ssrc);
        if (s == null) {
            s = streams.add(ssrc);
            if (s == null) {
                throw SrtpException.of(SrtpFailure.SSRC_LIMIT);
            }
        }
        return s;
    }

    /**
     * Length of the RTP header including CSRCs and header extension, which must fit in {@code available}
     * bytes (RFC 3550 §5.1, §5.3.1).
     */
    private static int rtpHeaderLength(byte[] buf, int off, int available) throws SrtpException {
        if (available < RTP_HEADER) {
            throw SrtpException.of(SrtpFailure.TOO_SHORT);
        }
        requireVersion2(buf, off);
        int b0 = buf[off] & 0xFF;
        int length = RTP_HEADER + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (length + 4 > available) {
                throw SrtpException.of(SrtpFailure.MALFORMED);
            }
            length += 4 + 4 * BigEndian.readUnsignedShort(buf, off + length + 2);
        }
        if (length > available) {
            throw SrtpException.of(SrtpFailure.MALFORMED);
        }
        return length;
    }

    private static void requireVersion2(byte[] buf, int off) throws SrtpException {
        if ((buf[off] & 0xC0) != 0x80) {
            throw SrtpException.of(SrtpFailure.MALFORMED);
        }
    }

    private static void requireRoom(byte[] buf, int off, int len, int overhead) throws SrtpException {
        if (buf.length - off - len < overhead) {
            throw SrtpException.of(SrtpFailure.BUFFER_TOO_SMALL);
        }
    }

    private static void requireFresh(ReplayWindow window, long index) throws SrtpException {
        switch (window.check(index)) {
            case ReplayWindow.REPLAYED -> throw SrtpException.of(SrtpFailure.REPLAYED);
            case ReplayWindow.TOO_OLD -> throw SrtpException.of(SrtpFailure.TOO_OLD);
            default -> { }
        }
    }
}
