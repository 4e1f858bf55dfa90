package org.plenum.media.forward;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plenum.media.engine.MediaException;
import org.plenum.media.engine.MediaSource;
import org.plenum.media.rtp.HeaderExtensions;
import org.plenum.media.rtp.PayloadCodec;
import org.plenum.media.sdp.Codec;
import org.plenum.media.sdp.ExtensionIds;
import org.plenum.media.sdp.LocalTransport;
import org.plenum.media.sdp.MediaKind;
import org.plenum.media.sdp.PublishAnswer;
import org.plenum.media.sdp.PublishOptions;
import org.plenum.media.sdp.PublishedTrack;
import org.plenum.media.sdp.SdpException;
import org.plenum.media.sdp.SessionDescription;
import org.plenum.media.sdp.SsrcStream;
import org.plenum.media.sdp.TrackSource;
import org.plenum.media.transport.PeerTransport;

/**
 * The engine's side of SDP: what every offer and answer it writes has in common (its certificate
 * fingerprint and candidates), and the translation between the SDP model and the forwarding plane.
 */
public final class Negotiation {

    /** What the engine learnt from a publish offer. */
    record PublishOutcome(String answer, String remoteFingerprint, List<TrackSpec> tracks, HeaderExtensions extensions) {
    }

    /**
     * One published transceiver.
     *
     * @param rids  simulcast rids in the offer's order (the client lists them low to high); empty for one encoding
     * @param ssrcs signalled SSRCs of a single encoding: {@code [media, rtx]} pairs (rtx -1 if none)
     */
    record TrackSpec(String mid, MediaSource source, PayloadCodec codec, int payloadType, int rtxPayloadType, int clockRate,
                     List<String> rids, List<long[]> ssrcs) {
    }

    private final String fingerprint;
    private final List<String> candidates;

    public Negotiation(String fingerprintSha256, List<String> candidates) {
        this.fingerprint = fingerprintSha256;
        this.candidates = List.copyOf(candidates);
    }

    LocalTransport local(PeerTransport t) {
        return new LocalTransport(t.localCredentials().ufrag(), t.localCredentials().pwd(), fingerprint, candidates);
    }

    PublishOutcome answerPublish(String offerSdp, PeerTransport transport, Map<String, MediaSource> sources, long version)
            throws MediaException {
        try {
            SessionDescription offer = SessionDescription.parse(offerSdp);
            Map<String, TrackSource> hints = new HashMap<>();
            sources.forEach((mid, s) -> hints.put(mid, TrackSource.valueOf(s.name())));
            // REMB, not transport-cc: the engine grants publishers a bitrate by REMB and sends no transport-cc feedback
            PublishOptions options = PublishOptions.defaults().withSourceHints(hints).withSessionVersion(version)
                    .withTransportWideCc(false);
            PublishAnswer answer = PublishAnswer.build(offer, local(transport), options);
            List<TrackSpec> specs = new ArrayList<>();
            ExtensionIds ids = null;
            int cameras = 0;
            for (PublishedTrack t : answer.tracks().tracks()) {
                ids = ids == null ? t.extensions() : merge(ids, t.extensions());
                MediaSource source = switch (t.source()) {
                    case MICROPHONE -> MediaSource.MICROPHONE;
                    case CAMERA -> MediaSource.CAMERA;
                    case SCREEN -> MediaSource.SCREEN;
                    case SCREEN_AUDIO -> null; // not forwarded yet: screen audio is rare in meetings
                    case UNKNOWN -> t.kind() == MediaKind.AUDIO ? MediaSource.MICROPHONE : cameras++ == 0 ? MediaSource.CAMERA : MediaSource.SCREEN;
                };
                if (source == MediaSource.CAMERA && t.source() != TrackSource.UNKNOWN) {
                    cameras++;
                }
                if (source == null) {
                    continue;
                }
                List<long[]> ssrcs = new ArrayList<>();
                if (t.rids().isEmpty()) {
                    for (SsrcStream s : t.ssrcStreams().subList(0, Math.min(1, t.ssrcStreams().size()))) {
                        ssrcs.add(new long[] {s.ssrc(), s.rtxSsrc().isPresent() ? s.rtxSsrc().getAsLong() : -1});
                    }
                }
                Codec c = t.codec().codec();
                specs.add(new TrackSpec(t.mid(), source, PayloadCodec.valueOf(c.name()), t.codec().payloadType(),
                        t.codec().rtxPayloadType().orElse(-1), c.clockRate(), t.rids().size() > 1 ? t.rids() : List.of(), ssrcs));
            }
            HeaderExtensions extensions = ids == null ? HeaderExtensions.NONE
                    : new HeaderExtensions(ids.mid(), ids.rid(), ids.repairedRid(), ids.audioLevel(), ids.absSendTime(), ids.transportCc());
            return new PublishOutcome(answer.answer().toString(), answer.tracks().remote().fingerprintSha256(), specs, extensions);
        } catch (SdpException e) {
            throw new MediaException("the publish offer was refused: " + e.getMessage(), e);
        }
    }

    /** Bundled m-lines share extension ids; audio-level only appears on audio m-lines, so take whichever is set. */
    private static ExtensionIds merge(ExtensionIds a, ExtensionIds b) {
        return new ExtensionIds(pick(a.mid(), b.mid()), pick(a.rid(), b.rid()), pick(a.repairedRid(), b.repairedRid()),
                pick(a.audioLevel(), b.audioLevel()), pick(a.absSendTime(), b.absSendTime()), pick(a.transportCc(), b.transportCc()));
    }

    private static int pick(int a, int b) {
        return a != ExtensionIds.NONE ? a : b;
    }

    static Codec sdpCodec(PayloadCodec c) {
        return Codec.valueOf(c.name());
    }
}
