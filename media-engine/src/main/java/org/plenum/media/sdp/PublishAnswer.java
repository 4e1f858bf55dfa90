package org.plenum.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The engine's answer to a publisher's offer, and the {@link PublishedTracks} it implies.
 *
 * <p>The answer is ICE-lite, receives only ({@code recvonly} for every sending m-line), takes the DTLS server role
 * ({@code setup:passive}), keeps the offer's payload type numbers and extmap ids, and picks one codec per m-line:
 * Opus 48000/2 for audio, the first of {@link PublishOptions#videoCodecs()} for video (H.264 only with
 * packetization-mode=1), each with its RTX partner. Simulcast offered as {@code a=simulcast:send} is answered with
 * {@code a=simulcast:recv} and {@code a=rid:<id> recv}. An m-line the engine cannot take is answered with port 0 and
 * listed in {@link PublishedTracks#rejected()} with the reason; an offer the engine cannot work with at all (no
 * BUNDLE, no ICE credentials or sha-256 fingerprint, no mid) fails with an {@link SdpException}.
 *
 * <pre>{@code
 * PublishAnswer answer = PublishAnswer.build(SessionDescription.parse(offerSdp), local);
 * signaling.send(answer.answer().toString());
 * answer.tracks().tracks().forEach(engine::expect);
 * }</pre>
 */
public record PublishAnswer(SessionDescription answer, PublishedTracks tracks) {

    private static final Set<String> SUPPORTED_PROTOCOLS = Set.of("UDP/TLS/RTP/SAVPF", "TCP/DTLS/RTP/SAVPF");
    private static final List<String> SUPPORTED_FEEDBACK = List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
    private static final String OPUS_ANSWER_FMTP = "minptime=10;useinbandfec=1";

    public static PublishAnswer build(SessionDescription offer, LocalTransport local) throws SdpException {
        return build(offer, local, PublishOptions.defaults());
    }

    public static PublishAnswer build(SessionDescription offer, LocalTransport local, PublishOptions options)
            throws SdpException {
        if (offer.media().isEmpty()) {
            throw new SdpException("publish offer has no m-lines");
        }
        if (offer.bundleGroups().isEmpty()) {
            throw new SdpException("publish offer has no a=group:BUNDLE; create the RTCPeerConnection with "
                    + "bundlePolicy 'max-bundle'");
        }
        List<String> bundle = offer.bundleGroups().getFirst();

        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaSection m = offer.media().get(i);
            int index = i;
            String mid = m.mid().orElseThrow(() -> new SdpException("m-line " + (index + 1) + " (" + m.mediaLine().media()
                    + ") has no a=mid; the engine speaks Unified Plan"));
            decisions.add(decide(index, mid, m, bundle, options));
        }

        List<Decision> accepted = decisions.stream().filter(d -> d.reason == null).toList();
        MediaSection tagged = accepted.isEmpty() ? offer.media().getFirst() : taggedSection(bundle, accepted);
        RemoteTransport remote = RemoteTransport.of(offer, tagged, accepted.stream().map(d -> d.offered).toList(),
                SetupRole.ACTPASS, "publish offer");
        if (remote.setup() != SetupRole.ACTPASS && remote.setup() != SetupRole.ACTIVE) {
            throw new SdpException("publish offer has setup:" + remote.setup().attributeValue()
                    + "; the engine is the DTLS server, so the offer must say actpass or active");
        }

        List<SdpLine> session = new ArrayList<>();
        session.add(new SdpLine('v', "0"));
        session.add(new SdpLine('o', "- " + sessionId(local) + " " + options.sessionVersion() + " IN IP4 127.0.0.1"));
        session.add(new SdpLine('s', "-"));
        session.add(new SdpLine('t', "0 0"));
        session.add(SdpLine.flag("ice-lite"));
        List<String> acceptedMids = new ArrayList<>();
        for (Decision d : accepted) {
            acceptedMids.add(d.mid);
        }
        if (!acceptedMids.isEmpty()) {
            session.add(SdpLine.attribute("group", "BUNDLE " + String.join(" ", acceptedMids)));
        }
        if (!offer.attributes("extmap-allow-mixed").isEmpty()) {
            session.add(SdpLine.flag("extmap-allow-mixed"));
        }

        List<MediaSection> media = new ArrayList<>();
        List<PublishedTrack> tracks = new ArrayList<>();
        List<RejectedMedia> rejected = new ArrayList<>();
        for (Decision d : decisions) {
            if (d.reason != null) {
                media.add(rejectedSection(d));
                rejected.add(new RejectedMedia(d.index, d.mid, d.offered.mediaLine().media(), d.reason));
                continue;
            }
            media.add(acceptedSection(d, local));
            if (d.direction == Direction.RECVONLY) {
                tracks.add(new PublishedTrack(d.mid, d.offered.kind(), source(d, options.sourceHints()), d.offered.msid(),
                        d.codec, d.rids, ssrcStreams(d.offered), d.extensionIds));
            }
        }
        return new PublishAnswer(SessionDescription.of(session, media), new PublishedTracks(remote, tracks, rejected));
    }

    /** What the answer does with one offered m-line; {@code reason} is non-null when it is rejected. */
    private static final class Decision {
        final int index;
        final String mid;
        final MediaSection offered;
        String reason;
        NegotiatedCodec codec;
        Direction direction;
        List<Extmap> extmaps = List.of();
        ExtensionIds extensionIds;
        List<String> feedback = List.of();
        List<String> rids = List.of();
        List<List<String>> simulcastStreams = List.of();

        Decision(int index, String mid, MediaSection offered) {
            this.index = index;
            this.mid = mid;
            this.offered = offered;
        }
    }

    private static Decision decide(int index, String mid, MediaSection m, List<String> bundle, PublishOptions options)
            throws SdpException {
        Decision d = new Decision(index, mid, m);
        MediaKind kind = m.kind();
        if (m.isRejected()) {
            d.reason = "stopped by the offerer (port 0)";
            return d;
        }
        if (kind == null) {
            d.reason = m.mediaLine().media() + " m-lines are not supported (the engine has no data channels)";
            return d;
        }
        if (!bundle.contains(mid)) {
            throw new SdpException("mid " + mid + " is not in a=group:BUNDLE; create the RTCPeerConnection with "
                    + "bundlePolicy 'max-bundle'");
        }
        if (!SUPPORTED_PROTOCOLS.contains(m.mediaLine().protocol())) {
            d.reason = "protocol " + m.mediaLine().protocol() + " is not DTLS-SRTP (UDP/TLS/RTP/SAVPF)";
            return d;
        }
        if (!m.rtcpMux()) {
            d.reason = "no a=rtcp-mux; the engine carries RTP and RTCP on one port";
            return d;
        }
        d.codec = kind == MediaKind.AUDIO ? chooseOpus(m) : chooseVideo(m, options.videoCodecs());
        if (d.codec == null) {
            d.reason = "no supported " + kind.mediaName() + " codec (" + (kind == MediaKind.AUDIO ? "opus/48000/2"
                    : "VP8, H264 packetization-mode=1") + ") among " + offeredEncodings(m);
            return d;
        }
        d.direction = m.direction().sends() ? Direction.RECVONLY : Direction.INACTIVE;

        List<Extmap> extmaps = new ArrayList<>();
        for (Extmap e : m.extmaps()) {
            RtpExtension known = RtpExtension.byUri(e.uri());
            if (known == null || !known.appliesTo(kind) || (known == RtpExtension.TRANSPORT_CC && !options.transportWideCc())) {
                continue;
            }
            extmaps.add(new Extmap(e.id(), answerDirection(e.direction()), e.uri(), ""));
        }
        d.extmaps = extmaps;
        d.extensionIds = ExtensionIds.of(extmaps);

        List<String> feedback = new ArrayList<>();
        for (String fb : m.rtcpFeedback(d.codec.payloadType())) {
            if (SUPPORTED_FEEDBACK.contains(fb) && !feedback.contains(fb)
                    && (options.transportWideCc() || !fb.equals("transport-cc"))) {
                feedback.add(fb);
            }
        }
        d.feedback = feedback;

        if (kind == MediaKind.VIDEO) {
            readSimulcast(d, m);
            if (!d.rids.isEmpty() && d.extensionIds.rid() == ExtensionIds.NONE) {
                d.reason = "simulcast by rid needs the header extension " + RtpExtension.RID.uri();
            }
        }
        return d;
    }

    private static void readSimulcast(Decision d, MediaSection m) {
        Set<String> declared = new LinkedHashSet<>();
        for (Rid rid : m.rids()) {
            if (rid.send()) {
                declared.add(rid.id());
            }
        }
        if (declared.isEmpty()) {
            return;
        }
        Optional<Simulcast> simulcast = m.simulcast();
        List<List<String>> streams = new ArrayList<>();
        if (simulcast.isPresent()) {
            for (List<String> alternatives : simulcast.get().send()) {
                // RFC 8853 §5.2: an answerer drops rids it does not know; a stream with none left goes.
                List<String> kept = alternatives.stream().filter(a -> declared.contains(a.startsWith("~") ? a.substring(1) : a)).toList();
                if (!kept.isEmpty()) {
                    streams.add(kept);
                }
            }
        } else {
            for (String rid : declared) {
                streams.add(List.of(rid));
            }
        }
        d.simulcastStreams = simulcast.isPresent() ? streams : List.of();
        d.rids = new Simulcast(streams, List.of()).sendRids();
    }

    private static Direction answerDirection(Direction offered) {
        if (offered == null) {
            return null;
        }
        return switch (offered) {
            case SENDONLY -> Direction.RECVONLY;
            case RECVONLY -> Direction.SENDONLY;
            case SENDRECV, INACTIVE -> offered;
        };
    }

    private static NegotiatedCodec chooseOpus(MediaSection m) {
        for (RtpMap map : m.rtpMaps().values()) {
            if (Codec.OPUS.matches(map)) {
                return new NegotiatedCodec(Codec.OPUS, map.payloadType(), m.rtxFor(map.payloadType()), OPUS_ANSWER_FMTP);
            }
        }
        return null;
    }

    private static NegotiatedCodec chooseVideo(MediaSection m, List<Codec> preference) {
        for (Codec codec : preference) {
            RtpMap best = null;
            for (RtpMap map : m.rtpMaps().values()) {
                if (!codec.matches(map)) {
                    continue;
                }
                if (codec == Codec.H264) {
                    if (!m.fmtpParameter(map.payloadType(), "packetization-mode").filter("1"::equals).isPresent()) {
                        continue;
                    }
                    if (best == null || h264Rank(m, map) > h264Rank(m, best)) {
                        best = map;
                    }
                } else if (best == null) {
                    best = map;
                }
            }
            if (best != null) {
                int pt = best.payloadType();
                return new NegotiatedCodec(codec, pt, m.rtxFor(pt), m.fmtp(pt).orElse(""));
            }
        }
        return null;
    }

    /**
     * Constrained baseline (42e0xx) ranks first: it is what the engine's subscribe offers announce and what every
     * browser decodes; other baseline (42xxxx) next; main and high profiles last.
     */
    private static int h264Rank(MediaSection m, RtpMap map) {
        String profile = m.fmtpParameter(map.payloadType(), "profile-level-id").orElse("42001f");
        if (profile.regionMatches(true, 0, "42e0", 0, 4)) {
            return 2;
        }
        return profile.regionMatches(true, 0, "42", 0, 2) ? 1 : 0;
    }

    private static String offeredEncodings(MediaSection m) {
        Set<String> names = new LinkedHashSet<>();
        for (RtpMap map : m.rtpMaps().values()) {
            names.add(map.encodingName());
        }
        return names.isEmpty() ? "(no rtpmap)" : String.join(", ", names);
    }

    private static MediaSection taggedSection(List<String> bundle, List<Decision> accepted) {
        for (String mid : bundle) {
            for (Decision d : accepted) {
                if (d.mid.equals(mid)) {
                    return d.offered;
                }
            }
        }
        return accepted.getFirst().offered;
    }

    private static MediaSection acceptedSection(Decision d, LocalTransport local) throws SdpException {
        NegotiatedCodec codec = d.codec;
        List<String> formats = new ArrayList<>();
        formats.add(Integer.toString(codec.payloadType()));
        codec.rtxPayloadType().ifPresent(rtx -> formats.add(Integer.toString(rtx)));
        MediaLine mline = new MediaLine(d.offered.mediaLine().media(), 9, d.offered.mediaLine().protocol(), formats);

        List<SdpLine> lines = new ArrayList<>();
        lines.add(new SdpLine('c', "IN IP4 0.0.0.0"));
        lines.addAll(local.candidateLines());
        lines.addAll(local.transportLines(SetupRole.PASSIVE));
        lines.add(SdpLine.attribute("mid", d.mid));
        for (Extmap e : d.extmaps) {
            lines.add(SdpLine.attribute("extmap", e.attributeValue()));
        }
        lines.add(SdpLine.flag(d.direction.attributeName()));
        lines.add(SdpLine.flag("rtcp-mux"));
        if (d.offered.rtcpReducedSize()) {
            lines.add(SdpLine.flag("rtcp-rsize"));
        }
        RtpMap map = d.offered.rtpMaps().get(codec.payloadType());
        lines.add(SdpLine.attribute("rtpmap", map.attributeValue()));
        for (String fb : d.feedback) {
            lines.add(SdpLine.attribute("rtcp-fb", codec.payloadType() + " " + fb));
        }
        if (!codec.fmtp().isEmpty()) {
            lines.add(SdpLine.attribute("fmtp", codec.payloadType() + " " + codec.fmtp()));
        }
        OptionalInt rtx = codec.rtxPayloadType();
        if (rtx.isPresent()) {
            lines.add(SdpLine.attribute("rtpmap", d.offered.rtpMaps().get(rtx.getAsInt()).attributeValue()));
            lines.add(SdpLine.attribute("fmtp", rtx.getAsInt() + " apt=" + codec.payloadType()));
        }
        for (String rid : ridsInAttributeOrder(d)) {
            lines.add(SdpLine.attribute("rid", rid + " recv"));
        }
        if (!d.simulcastStreams.isEmpty()) {
            lines.add(SdpLine.attribute("simulcast", new Simulcast(List.of(), d.simulcastStreams).attributeValue()));
        }
        return MediaSection.of(mline, lines);
    }

    /** Every rid named in the answer's simulcast streams (alternatives included), or the declared ones without it. */
    private static List<String> ridsInAttributeOrder(Decision d) {
        if (d.simulcastStreams.isEmpty()) {
            return d.rids;
        }
        List<String> all = new ArrayList<>();
        for (List<String> alternatives : d.simulcastStreams) {
            for (String a : alternatives) {
                all.add(a.startsWith("~") ? a.substring(1) : a);
            }
        }
        return all;
    }

    private static MediaSection rejectedSection(Decision d) throws SdpException {
        MediaLine offered = d.offered.mediaLine();
        MediaLine mline = new MediaLine(offered.media(), 0, offered.protocol(), List.of(offered.formats().getFirst()));
        List<SdpLine> lines = new ArrayList<>();
        lines.add(new SdpLine('c', "IN IP4 0.0.0.0"));
        lines.add(SdpLine.attribute("mid", d.mid));
        if (offered.isRtp()) {
            lines.add(SdpLine.flag("inactive"));
        }
        return MediaSection.of(mline, lines);
    }

    private static TrackSource source(Decision d, Map<String, TrackSource> hints) {
        TrackSource byMid = hints.get(d.mid);
        if (byMid != null) {
            return byMid;
        }
        Optional<Msid> msid = d.offered.msid();
        if (msid.isPresent() && hints.containsKey(msid.get().trackId())) {
            return hints.get(msid.get().trackId());
        }
        if (d.offered.attributes("content").contains("slides")) {
            return TrackSource.SCREEN;
        }
        return TrackSource.UNKNOWN;
    }

    /**
     * Media ssrcs in SIM order when grouped for simulcast, else in order of appearance; an ssrc that is the second
     * member of a FID group is the RTX of the first and is reported with it rather than on its own.
     */
    static List<SsrcStream> ssrcStreams(MediaSection m) {
        List<Long> rtxSsrcs = new ArrayList<>();
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equals(SsrcGroup.FID)) {
                rtxSsrcs.add(g.ssrcs().get(1));
            }
        }
        List<Long> media = m.ssrcGroup(SsrcGroup.SIM).map(SsrcGroup::ssrcs)
                .orElseGet(() -> m.ssrcs().stream().filter(s -> !rtxSsrcs.contains(s)).toList());
        List<SsrcStream> streams = new ArrayList<>(media.size());
        for (long ssrc : media) {
            OptionalLong rtx = OptionalLong.empty();
            for (SsrcGroup g : m.ssrcGroups()) {
                if (g.semantics().equals(SsrcGroup.FID) && g.ssrcs().getFirst() == ssrc) {
                    rtx = OptionalLong.of(g.ssrcs().get(1));
                }
            }
            streams.add(new SsrcStream(ssrc, rtx));
        }
        return streams;
    }

    /** Stable for one ICE session, as JSEP asks of the o= line across re-answers; not a secret. */
    private static long sessionId(LocalTransport local) {
        long h = 1125899906842597L;
        for (char c : (local.iceUfrag() + ":" + local.icePwd()).toCharArray()) {
            h = 31 * h + c;
        }
        return h & Long.MAX_VALUE;
    }
}
