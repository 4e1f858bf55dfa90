package org.plenum.media.sdp;

/**
 * A track the engine sends to one subscriber: the output stream of a rewriter, with the ssrcs the engine chose for
 * this subscriber. {@code trackId} identifies the track across re-offers (keep it stable for as long as the
 * subscriber should see the same track); {@code streamId} groups tracks that play in sync (one per publisher).
 *
 * @param mid      the mid to use, or null to let {@link SubscribeOffer} assign one
 * @param rtxSsrc  the RTX ssrc, or 0 for none (audio)
 */
public record ForwardedTrack(String mid, MediaKind kind, String streamId, String trackId, long ssrc, long rtxSsrc,
                             Codec codec) {

    public ForwardedTrack {
        if (kind == null || codec == null || codec.kind() != kind) {
            throw new IllegalArgumentException("codec " + codec + " does not fit a " + kind + " track");
        }
        if (mid != null && (!SdpText.isToken(mid) || mid.length() > 32)) {
            throw new IllegalArgumentException("mid must be a token of 1-32 characters: " + mid);
        }
        if (!SdpText.isToken(streamId) || !SdpText.isToken(trackId) || streamId.length() > 64 || trackId.length() > 64) {
            throw new IllegalArgumentException("streamId and trackId must be SDP tokens of 1-64 characters");
        }
        if (ssrc < 1 || ssrc > 0xFFFF_FFFFL || rtxSsrc < 0 || rtxSsrc > 0xFFFF_FFFFL || rtxSsrc == ssrc) {
            throw new IllegalArgumentException("ssrc must be 1..2^32-1 and rtxSsrc 0 (none) or another such value");
        }
    }

    /** Same track with the mid the offer gave it. */
    ForwardedTrack withMid(String newMid) {
        return new ForwardedTrack(newMid, kind, streamId, trackId, ssrc, rtxSsrc, codec);
    }
}
