package org.plenum.media.testpeer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.plenum.media.sdp.Direction;
import org.plenum.media.sdp.MediaSection;
import org.plenum.media.sdp.SdpException;
import org.plenum.media.sdp.SdpLine;
import org.plenum.media.sdp.SessionDescription;
import org.plenum.media.sdp.SsrcGroup;

/**
 * What a browser's {@code createAnswer()} makes of the engine's subscribe offer: every m-line in order with its
 * mid, {@code recvonly} for what the engine sends ({@code inactive} stays inactive), the offered codecs and
 * extmaps, one BUNDLE, the peer's ICE credentials and fingerprint, and {@code setup:active} (the engine stays the
 * DTLS server). Also reads what the offer promises per m-line: SSRCs and payload types.
 */
public final class SubscribeAnswerBuilder {

    /** One {@code sendonly} m-line of a subscribe offer: what this subscriber will receive on it. */
    public record OfferedTrack(String mid, String kind, int payloadType, int rtxPayloadType, long ssrc, long rtxSsrc,
                               String msid) {
    }

    private SubscribeAnswerBuilder() {
    }

    public static SessionDescription parse(String sdp) {
        try {
            return SessionDescription.parse(sdp);
        } catch (SdpException e) {
            throw new AssertionError("the engine's subscribe offer does not parse: " + e.getMessage(), e);
        }
    }

    /** The tracks the offer sends, in m-line order. */
    public static List<OfferedTrack> tracks(String offerSdp) {
        List<OfferedTrack> out = new ArrayList<>();
        for (MediaSection m : parse(offerSdp).media()) {
            if (m.direction() != Direction.SENDONLY) {
                continue;
            }
            int pt = m.mediaLine().payloadTypes().getFirst();
            int rtxPt = m.rtxFor(pt).orElse(-1);
            Optional<SsrcGroup> fid = m.ssrcGroup(SsrcGroup.FID);
            long ssrc = fid.map(g -> g.ssrcs().get(0)).orElseGet(() -> m.ssrcs().getFirst());
            long rtxSsrc = fid.map(g -> g.ssrcs().get(1)).orElse(-1L);
            out.add(new OfferedTrack(m.mid().orElseThrow(), m.mediaLine().media(), pt, rtxPt, ssrc, rtxSsrc,
                    m.msid().map(x -> x.streamId() + " " + x.trackId()).orElse(null)));
        }
        return out;
    }

    /** The answer {@code peer} gives to {@code offerSdp}. */
    public static String answer(String offerSdp, TestPeer peer) {
        SessionDescription offer = parse(offerSdp);
        List<String> mids = new ArrayList<>();
        for (MediaSection m : offer.media()) {
            mids.add(m.mid().orElseThrow());
        }
        StringBuilder s = new StringBuilder();
        PublishOfferBuilder.line(s, "v=0");
        PublishOfferBuilder.line(s, "o=- " + (ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + " 2 IN IP4 127.0.0.1");
        PublishOfferBuilder.line(s, "s=-");
        PublishOfferBuilder.line(s, "t=0 0");
        PublishOfferBuilder.line(s, "a=group:BUNDLE " + String.join(" ", mids));
        PublishOfferBuilder.line(s, "a=msid-semantic: WMS");
        for (MediaSection m : offer.media()) {
            PublishOfferBuilder.line(s, "m=" + m.mediaLine().media() + " 9 " + m.mediaLine().protocol() + " "
                    + String.join(" ", m.mediaLine().formats()));
            PublishOfferBuilder.line(s, "c=IN IP4 0.0.0.0");
            PublishOfferBuilder.line(s, "a=rtcp:9 IN IP4 0.0.0.0");
            PublishOfferBuilder.line(s, "a=ice-ufrag:" + peer.iceCredentials().ufrag());
            PublishOfferBuilder.line(s, "a=ice-pwd:" + peer.iceCredentials().pwd());
            PublishOfferBuilder.line(s, "a=fingerprint:sha-256 " + peer.fingerprint());
            PublishOfferBuilder.line(s, "a=setup:active");
            PublishOfferBuilder.line(s, "a=mid:" + m.mid().orElseThrow());
            for (SdpLine l : m.lines()) {
                if (l.isAttribute("extmap")) {
                    PublishOfferBuilder.line(s, l.toString());
                }
            }
            PublishOfferBuilder.line(s, m.direction() == Direction.SENDONLY ? "a=recvonly" : "a=inactive");
            PublishOfferBuilder.line(s, "a=rtcp-mux");
            PublishOfferBuilder.line(s, "a=rtcp-rsize");
            for (SdpLine l : m.lines()) {
                if (l.isAttribute("rtpmap") || l.isAttribute("fmtp") || l.isAttribute("rtcp-fb")) {
                    PublishOfferBuilder.line(s, l.toString());
                }
            }
        }
        return s.toString();
    }
}
