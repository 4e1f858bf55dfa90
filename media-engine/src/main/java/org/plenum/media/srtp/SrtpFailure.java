package org.plenum.media.srtp;

/** Why a packet could not be protected or unprotected. */
public enum SrtpFailure {
    /** Shorter than a header plus the authentication tag (and SRTCP index). */
    TOO_SHORT,
    /** Not RTP/RTCP version 2, or a header (CSRC list, extension) that runs past the packet. */
    MALFORMED,
    /** The authentication tag does not match: tampered, wrong key, or not SRTP at all. */
    AUTH_FAILED,
    /** This packet index was already seen (or, when protecting, already used) for this SSRC. */
    REPLAYED,
    /** The packet index lies behind the replay window, so it cannot be told apart from a replay. */
    TOO_OLD,
    /** The context already tracks its maximum number of SSRCs; see {@link SrtpContext#forgetSsrc(int)}. */
    SSRC_LIMIT,
    /** The SRTP (2^48) or SRTCP (2^31) index space of this SSRC is used up; the session must be re-keyed. */
    INDEX_EXHAUSTED,
    /** Protecting needs spare capacity after {@code off + len} for the tag (and SRTCP index). */
    BUFFER_TOO_SMALL
}
