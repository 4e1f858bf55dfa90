package org.plenum.media.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.plenum.media.dtls.DtlsCertificate;
import org.plenum.media.dtls.DtlsClientHandshake;
import org.plenum.media.dtls.DtlsConfig;
import org.plenum.media.ice.IceCredentials;
import org.plenum.media.srtp.SrtpContext;
import org.plenum.media.srtp.SrtpException;
import org.plenum.media.srtp.SrtpKeys;
import org.plenum.media.srtp.SrtpProfile;
import org.plenum.media.stun.StunMessage;
import org.plenum.media.stun.StunMessageBuilder;

/**
 * A minimal synthetic WebRTC endpoint for the benchmarks: it writes a publish offer or a subscribe answer as
 * Chrome would (BUNDLE, rtcp-mux, Opus + VP8/RTX, mid and abs-send-time extensions), checks connectivity with a
 * STUN binding request carrying USE-CANDIDATE, runs the DTLS client handshake, and then protects the RTP it
 * publishes or counts the packets it receives. How datagrams travel is the caller's {@link Wire}: a UDP socket
 * for the load test, a direct call into the engine's router for JMH.
 *
 * <p>Not a test peer for correctness: it answers no RTCP, sends no NACKs, and does not decrypt what it receives
 * unless asked ({@link #verifyReceived}), because a subscriber that decrypts costs the load generator as much
 * CPU as the engine's encryption, on the same two cores.
 */
final class BenchPeer {

    /** Carries one datagram to the engine. */
    interface Wire {
        void send(byte[] buf, int off, int len);
    }

    static final int AUDIO_SSRC_BASE = 0x1000_0000;
    static final int VIDEO_PT = 96;
    static final int AUDIO_PT = 111;
    /** Publish offer extmap ids (Chrome's numbers). */
    static final int EXT_AUDIO_LEVEL = 1;
    static final int EXT_ABS_SEND_TIME = 2;
    static final int EXT_MID = 4;

    final String name;
    private final DtlsCertificate certificate;
    private final SrtpProfile profile;
    private final IceCredentials local = IceCredentials.random();
    final long videoSsrc;
    final long videoRtxSsrc;
    final long audioSsrc;
    private volatile IceCredentials remote;
    private volatile String remoteFingerprint;
    private volatile Wire wire;
    private volatile DtlsClientHandshake dtls;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private SrtpContext outbound;
    private SrtpContext inbound;
    private boolean verifyReceived;
    private int videoSeq;
    private int audioSeq;
    private long videoTimestamp;
    private long audioTimestamp;
    private int pictureId;

    /** RTP packets received (after connecting); written by one receiving thread. */
    final AtomicLong rtpReceived = new AtomicLong();
    long verifyFailures;

    BenchPeer(String name, DtlsCertificate certificate, SrtpProfile profile) {
        this.name = name;
        this.certificate = certificate;
        this.profile = profile;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.videoSsrc = r.nextInt(1, Integer.MAX_VALUE);
        this.videoRtxSsrc = r.nextInt(1, Integer.MAX_VALUE);
        this.audioSsrc = r.nextInt(1, Integer.MAX_VALUE);
        this.videoSeq = r.nextInt(0, 65536);
        this.audioSeq = r.nextInt(0, 65536);
    }

    /** Decrypt every received RTP packet (slower; proves the engine's output is real SRTP for this peer). */
    void verifyReceived(boolean verify) {
        this.verifyReceived = verify;
    }

    CompletableFuture<Void> connected() {
        return connected;
    }

    // ---- SDP

    /** A publish offer as Chrome writes it for one microphone (mid 0) and one camera without simulcast (mid 1). */
    String publishOffer() {
        String fp = certificate.fingerprintSha256();
        StringBuilder sb = new StringBuilder();
        line(sb, "v=0");
        line(sb, "o=- " + Math.abs(ThreadLocalRandom.current().nextLong()) + " 2 IN IP4 127.0.0.1");
        line(sb, "s=-");
        line(sb, "t=0 0");
        line(sb, "a=group:BUNDLE 0 1");
        line(sb, "a=extmap-allow-mixed");
        line(sb, "a=msid-semantic: WMS " + name);
        line(sb, "m=audio 9 UDP/TLS/RTP/SAVPF 111");
        transport(sb, fp, "actpass", "0");
        line(sb, "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        line(sb, "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        line(sb, "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid");
        line(sb, "a=sendonly");
        line(sb, "a=msid:" + name + " " + name + "-mic");
        line(sb, "a=rtcp-mux");
        line(sb, "a=rtcp-rsize");
        line(sb, "a=rtpmap:111 opus/48000/2");
        line(sb, "a=fmtp:111 minptime=10;useinbandfec=1");
        line(sb, "a=ssrc:" + audioSsrc + " cname:" + name);
        line(sb, "a=ssrc:" + audioSsrc + " msid:" + name + " " + name + "-mic");
        line(sb, "m=video 9 UDP/TLS/RTP/SAVPF 96 97");
        transport(sb, fp, "actpass", "1");
        line(sb, "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        line(sb, "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid");
        line(sb, "a=sendonly");
        line(sb, "a=msid:" + name + " " + name + "-cam");
        line(sb, "a=rtcp-mux");
        line(sb, "a=rtcp-rsize");
        line(sb, "a=rtpmap:96 VP8/90000");
        line(sb, "a=rtcp-fb:96 goog-remb");
        line(sb, "a=rtcp-fb:96 ccm fir");
        line(sb, "a=rtcp-fb:96 nack");
        line(sb, "a=rtcp-fb:96 nack pli");
        line(sb, "a=rtpmap:97 rtx/90000");
        line(sb, "a=fmtp:97 apt=96");
        line(sb, "a=ssrc-group:FID " + videoSsrc + " " + videoRtxSsrc);
        line(sb, "a=ssrc:" + videoSsrc + " cname:" + name);
        line(sb, "a=ssrc:" + videoSsrc + " msid:" + name + " " + name + "-cam");
        line(sb, "a=ssrc:" + videoRtxSsrc + " cname:" + name);
        line(sb, "a=ssrc:" + videoRtxSsrc + " msid:" + name + " " + name + "-cam");
        return sb.toString();
    }

    private void transport(StringBuilder sb, String fp, String setup, String mid) {
        line(sb, "c=IN IP4 0.0.0.0");
        line(sb, "a=rtcp:9 IN IP4 0.0.0.0");
        line(sb, "a=ice-ufrag:" + local.ufrag());
        line(sb, "a=ice-pwd:" + local.pwd());
        line(sb, "a=ice-options:trickle");
        line(sb, "a=fingerprint:sha-256 " + fp);
        line(sb, "a=setup:" + setup);
        line(sb, "a=mid:" + mid);
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append("\r\n");
    }

    /**
     * The answer Chrome gives to an engine subscribe offer: every m-line mirrored with our ICE credentials and
     * fingerprint, {@code setup:active}, {@code recvonly} where the offer sends; no ssrc or msid lines. Also takes
     * the engine's transport from the offer.
     */
    String subscribeAnswer(String offerSdp) {
        remote(offerSdp);
        StringBuilder sb = new StringBuilder();
        for (String l : offerSdp.split("\r?\n")) {
            if (l.isEmpty() || l.equals("a=ice-lite") || l.startsWith("a=candidate") || l.startsWith("a=end-of-candidates")
                    || l.startsWith("a=ssrc") || l.startsWith("a=msid")) {
                continue;
            }
            if (l.startsWith("a=ice-ufrag:")) {
                l = "a=ice-ufrag:" + local.ufrag();
            } else if (l.startsWith("a=ice-pwd:")) {
                l = "a=ice-pwd:" + local.pwd();
            } else if (l.startsWith("a=fingerprint:")) {
                l = "a=fingerprint:sha-256 " + certificate.fingerprintSha256();
            } else if (l.startsWith("a=setup:")) {
                l = "a=setup:active";
            } else if (l.equals("a=sendonly")) {
                l = "a=recvonly";
            }
            line(sb, l);
        }
        return sb.toString();
    }

    /** Reads the engine's ICE credentials and certificate fingerprint from its offer or answer. */
    void remote(String sdp) {
        String ufrag = null;
        String pwd = null;
        String fp = null;
        for (String l : sdp.split("\r?\n")) {
            if (ufrag == null && l.startsWith("a=ice-ufrag:")) {
                ufrag = l.substring("a=ice-ufrag:".length()).trim();
            } else if (pwd == null && l.startsWith("a=ice-pwd:")) {
                pwd = l.substring("a=ice-pwd:".length()).trim();
            } else if (fp == null && l.startsWith("a=fingerprint:sha-256 ")) {
                fp = l.substring("a=fingerprint:sha-256 ".length()).trim();
            }
        }
        if (ufrag == null || pwd == null || fp == null) {
            throw new IllegalArgumentException("the engine's SDP lacks ICE credentials or a sha-256 fingerprint:\n" + sdp);
        }
        remote = new IceCredentials(ufrag, pwd);
        remoteFingerprint = fp;
    }

    // ---- connecting

    /** Sends the nominating connectivity check and starts DTLS; {@link #connected()} completes with the keys. */
    void connect(Wire w) {
        if (wire != null) {
            return; // re-offers keep the transport
        }
        wire = w;
        check();
        DtlsConfig config = DtlsConfig.defaults().withSrtpProfiles(profile.id());
        DtlsClientHandshake h = new DtlsClientHandshake(certificate, remoteFingerprint, bytes -> wire.send(bytes, 0, bytes.length), config);
        dtls = h;
        h.completion().whenComplete((material, error) -> {
            if (error != null) {
                connected.completeExceptionally(error);
                return;
            }
            SrtpKeys keys = SrtpKeys.fromDtlsExport(SrtpProfile.byId(material.profileId()), material.keyingMaterial(), false);
            synchronized (this) {
                outbound = new SrtpContext(keys.local());
                inbound = new SrtpContext(keys.remote());
            }
            connected.complete(null);
        });
    }

    /** For the plain relay: no ICE, no DTLS, packets go out as they are. */
    void connectPlain(Wire w) {
        wire = w;
    }

    /** Sends a packet made by {@link #videoPacket} or {@link #plainVideoPacket}. */
    void send(byte[] buf, int len) {
        wire.send(buf, 0, len);
    }

    /** A STUN binding request with USE-CANDIDATE: a check, a nomination, and (repeated) consent (RFC 7675). */
    void check() {
        IceCredentials r = remote;
        if (r == null) {
            return; // no SDP from the engine yet: no connection to check or keep alive
        }
        byte[] request = StunMessageBuilder.request(StunMessage.BINDING)
                .username(r.ufrag() + ":" + local.ufrag())
                .priority(2_130_706_431L)
                .iceControlling(ThreadLocalRandom.current().nextLong())
                .useCandidate()
                .messageIntegrity(r.integrityKey())
                .fingerprint()
                .encode();
        wire.send(request, 0, request.length);
    }

    /** A datagram from the engine: DTLS goes to the handshake, RTP is counted; STUN answers and RTCP are ignored. */
    void onDatagram(byte[] buf, int off, int len) {
        int first = buf[off] & 0xFF;
        if (first >= 128 && first <= 191) {
            int second = len > 1 ? buf[off + 1] & 0xFF : 0;
            if (second >= 192 && second <= 223) {
                return; // RTCP: sender reports, nothing the benchmark needs
            }
            rtpReceived.lazySet(rtpReceived.get() + 1);
            if (verifyReceived) {
                try {
                    inbound.unprotectRtp(buf, off, len);
                } catch (SrtpException e) {
                    verifyFailures++;
                }
            }
        } else if (first >= 20 && first <= 63) {
            DtlsClientHandshake h = dtls;
            if (h != null) {
                h.onDatagram(buf, off, len);
            }
        }
    }

    void close() {
        DtlsClientHandshake h = dtls;
        if (h != null) {
            h.close();
        }
    }

    // ---- publishing

    /**
     * Writes the next SRTP video packet (VP8, {@code payload} bytes after the header, a keyframe start every 64
     * packets) into {@code out} at 0; returns its length. {@code out} needs room for the tag.
     */
    int videoPacket(byte[] out, int payload) throws SrtpException {
        return protect(out, plainVideoPacket(out, payload));
    }

    /** As {@link #videoPacket} without SRTP: what the load test sends to the plain UDP relay. */
    int plainVideoPacket(byte[] out, int payload) {
        int seq = videoSeq++ & 0xFFFF;
        boolean keyframe = (seq & 63) == 0;
        if (keyframe) {
            videoTimestamp += 3000; // 30 frames/s
            pictureId = (pictureId + 1) & 0x7FFF;
        }
        int p = header(out, VIDEO_PT, keyframe, seq, videoTimestamp, videoSsrc, '1', -1);
        int end = p + payload;
        // VP8 payload descriptor: X=1, S=1 at a frame start, PID 0; I=1 with a 15-bit PictureID
        out[p] = (byte) (keyframe ? 0x90 : 0x80);
        out[p + 1] = (byte) 0x80;
        out[p + 2] = (byte) (0x80 | (pictureId >> 8));
        out[p + 3] = (byte) pictureId;
        out[p + 4] = 0; // VP8 payload header: P=0 (keyframe) when S=1
        for (int i = p + 5; i < end; i++) {
            out[i] = (byte) i;
        }
        return end;
    }

    /** The next SRTP Opus packet with an audio level (loud, so it counts as speech), {@code payload} bytes. */
    int audioPacket(byte[] out, int payload) throws SrtpException {
        int seq = audioSeq++ & 0xFFFF;
        audioTimestamp += 960;
        int p = header(out, AUDIO_PT, false, seq, audioTimestamp, audioSsrc, '0', 0x80 | 20);
        int end = p + payload;
        for (int i = p; i < end; i++) {
            out[i] = (byte) i;
        }
        return protect(out, end);
    }

    private synchronized int protect(byte[] out, int len) throws SrtpException {
        return outbound.protectRtp(out, 0, len);
    }

    /** Fixed header plus a one-byte extension block: mid, abs-send-time and (audio) the audio level. */
    private static int header(byte[] out, int pt, boolean marker, int seq, long ts, long ssrc, char mid, int audioLevel) {
        out[0] = (byte) 0x90;
        out[1] = (byte) ((marker ? 0x80 : 0) | pt);
        out[2] = (byte) (seq >> 8);
        out[3] = (byte) seq;
        writeU32(out, 4, ts);
        writeU32(out, 8, ssrc);
        int p = 16;
        out[p++] = (byte) (EXT_MID << 4); // one byte: the mids here are "0" and "1"
        out[p++] = (byte) mid;
        long ast = (System.nanoTime() / 1000 << 18) / 1_000_000 & 0xFFFFFF;
        out[p++] = (byte) ((EXT_ABS_SEND_TIME << 4) | 2);
        out[p++] = (byte) (ast >> 16);
        out[p++] = (byte) (ast >> 8);
        out[p++] = (byte) ast;
        if (audioLevel >= 0) {
            out[p++] = (byte) (EXT_AUDIO_LEVEL << 4);
            out[p++] = (byte) audioLevel;
        }
        while (((p - 16) & 3) != 0) {
            out[p++] = 0;
        }
        int words = (p - 16) / 4;
        out[12] = (byte) 0xBE;
        out[13] = (byte) 0xDE;
        out[14] = (byte) (words >> 8);
        out[15] = (byte) words;
        return p;
    }

    private static void writeU32(byte[] b, int i, long v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }

    @Override
    public String toString() {
        return name;
    }
}
