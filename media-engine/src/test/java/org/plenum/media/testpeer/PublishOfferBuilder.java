package org.plenum.media.testpeer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The publish offer a browser's {@code createOffer()} makes for a microphone and a camera: Unified Plan with
 * BUNDLE and rtcp-mux, the peer's ICE credentials and certificate fingerprint, {@code setup:actpass}, Opus and VP8
 * with RTX, the extmaps mid, rid, repaired-rid, audio level, abs-send-time and transport-cc, and optionally
 * simulcast by rid ({@code l;m;h}, low to high, as the client's sendEncodings list them).
 *
 * <p>The payload types are deliberately not the engine's subscribe payload types (Opus 111, VP8 96, RTX 97),
 * so a test sees the engine rewrite them.
 */
public final class PublishOfferBuilder {

    public static final int AUDIO_LEVEL_ID = 1;
    public static final int ABS_SEND_TIME_ID = 2;
    public static final int TRANSPORT_CC_ID = 3;
    public static final int MID_ID = 4;
    public static final int RID_ID = 10;
    public static final int REPAIRED_RID_ID = 11;

    public static final int OPUS_PT = 109;
    public static final int VP8_PT = 100;
    public static final int VP8_RTX_PT = 101;
    public static final List<String> RIDS = List.of("l", "m", "h");

    private boolean audio = true;
    private boolean video = true;
    private boolean simulcast;
    private final long audioSsrc = randomSsrc();
    private final long videoSsrc = randomSsrc();
    private final long videoRtxSsrc = randomSsrc();
    private final String stream = UUID.randomUUID().toString();

    public PublishOfferBuilder audioOnly() {
        video = false;
        return this;
    }

    public PublishOfferBuilder videoOnly() {
        audio = false;
        return this;
    }

    /** Three VP8 layers by rid, SSRCs not signalled (the engine learns them from the rid extension). */
    public PublishOfferBuilder simulcast() {
        simulcast = true;
        return this;
    }

    public String audioMid() {
        return "0";
    }

    public String videoMid() {
        return audio ? "1" : "0";
    }

    public long audioSsrc() {
        return audioSsrc;
    }

    public long videoSsrc() {
        return videoSsrc;
    }

    public long videoRtxSsrc() {
        return videoRtxSsrc;
    }

    /** The microphone stream this offer announces. */
    public RtpStream audioStream(int tag) {
        return RtpStream.audio(audioSsrc, OPUS_PT, audioMid(), tag);
    }

    /** The camera stream of a single-encoding offer. */
    public RtpStream videoStream(int tag) {
        return RtpStream.video(videoSsrc, VP8_PT, videoMid(), null, tag);
    }

    /** One simulcast layer (0 = l, 1 = m, 2 = h) with a fresh SSRC, as the browser picks them. */
    public RtpStream layer(int index, int tag) {
        return RtpStream.video(randomSsrc(), VP8_PT, videoMid(), RIDS.get(index), tag);
    }

    public String build(TestPeer peer) {
        List<String> mids = new ArrayList<>();
        if (audio) {
            mids.add(audioMid());
        }
        if (video) {
            mids.add(videoMid());
        }
        StringBuilder s = new StringBuilder();
        line(s, "v=0");
        line(s, "o=- " + (ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + " 2 IN IP4 127.0.0.1");
        line(s, "s=-");
        line(s, "t=0 0");
        line(s, "a=group:BUNDLE " + String.join(" ", mids));
        line(s, "a=extmap-allow-mixed");
        line(s, "a=msid-semantic: WMS " + stream);
        if (audio) {
            line(s, "m=audio 9 UDP/TLS/RTP/SAVPF " + OPUS_PT + " 0");
            transport(s, peer, audioMid());
            line(s, "a=extmap:" + AUDIO_LEVEL_ID + " urn:ietf:params:rtp-hdrext:ssrc-audio-level");
            line(s, "a=extmap:" + ABS_SEND_TIME_ID + " http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
            line(s, "a=extmap:" + TRANSPORT_CC_ID + " http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
            line(s, "a=extmap:" + MID_ID + " urn:ietf:params:rtp-hdrext:sdes:mid");
            line(s, "a=sendonly");
            line(s, "a=msid:" + stream + " mic-" + stream);
            line(s, "a=rtcp-mux");
            line(s, "a=rtcp-rsize");
            line(s, "a=rtpmap:" + OPUS_PT + " opus/48000/2");
            line(s, "a=rtcp-fb:" + OPUS_PT + " transport-cc");
            line(s, "a=fmtp:" + OPUS_PT + " minptime=10;useinbandfec=1");
            line(s, "a=rtpmap:0 PCMU/8000");
            line(s, "a=ssrc:" + audioSsrc + " cname:testpeer");
            line(s, "a=ssrc:" + audioSsrc + " msid:" + stream + " mic-" + stream);
        }
        if (video) {
            line(s, "m=video 9 UDP/TLS/RTP/SAVPF " + VP8_PT + " " + VP8_RTX_PT);
            transport(s, peer, videoMid());
            line(s, "a=extmap:" + ABS_SEND_TIME_ID + " http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
            line(s, "a=extmap:" + TRANSPORT_CC_ID + " http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
            line(s, "a=extmap:" + MID_ID + " urn:ietf:params:rtp-hdrext:sdes:mid");
            line(s, "a=extmap:" + RID_ID + " urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id");
            line(s, "a=extmap:" + REPAIRED_RID_ID + " urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id");
            line(s, "a=sendonly");
            line(s, "a=msid:" + stream + " cam-" + stream);
            line(s, "a=rtcp-mux");
            line(s, "a=rtcp-rsize");
            line(s, "a=rtpmap:" + VP8_PT + " VP8/90000");
            for (String fb : List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli")) {
                line(s, "a=rtcp-fb:" + VP8_PT + " " + fb);
            }
            line(s, "a=rtpmap:" + VP8_RTX_PT + " rtx/90000");
            line(s, "a=fmtp:" + VP8_RTX_PT + " apt=" + VP8_PT);
            if (simulcast) {
                for (String rid : RIDS) {
                    line(s, "a=rid:" + rid + " send");
                }
                line(s, "a=simulcast:send " + String.join(";", RIDS));
            } else {
                line(s, "a=ssrc-group:FID " + videoSsrc + " " + videoRtxSsrc);
                line(s, "a=ssrc:" + videoSsrc + " cname:testpeer");
                line(s, "a=ssrc:" + videoSsrc + " msid:" + stream + " cam-" + stream);
                line(s, "a=ssrc:" + videoRtxSsrc + " cname:testpeer");
                line(s, "a=ssrc:" + videoRtxSsrc + " msid:" + stream + " cam-" + stream);
            }
        }
        return s.toString();
    }

    private static void transport(StringBuilder s, TestPeer peer, String mid) {
        line(s, "c=IN IP4 0.0.0.0");
        line(s, "a=rtcp:9 IN IP4 0.0.0.0");
        line(s, "a=ice-ufrag:" + peer.iceCredentials().ufrag());
        line(s, "a=ice-pwd:" + peer.iceCredentials().pwd());
        line(s, "a=ice-options:trickle");
        line(s, "a=fingerprint:sha-256 " + peer.fingerprint());
        line(s, "a=setup:actpass");
        line(s, "a=mid:" + mid);
    }

    static void line(StringBuilder s, String line) {
        s.append(line).append("\r\n");
    }

    static long randomSsrc() {
        return ThreadLocalRandom.current().nextLong(1, 0x1_0000_0000L);
    }
}
