package org.plenum.media.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The engine's offer to a subscriber PeerConnection, and the state needed to re-offer when publishers come and go.
 * Immutable: {@link #next(List)} returns the following offer.
 *
 * <p>Every m-line is {@code sendonly} with the engine's ssrc and RTX ssrc ({@code a=ssrc-group:FID}), msid
 * {@code "<streamId> <trackId>"}, one codec at fixed payload types ({@link Codec#subscribePayloadType()}),
 * rtcp-fb nack, nack pli, ccm fir and goog-remb for video, and the extmaps
 * mid, abs-send-time, transport-wide-cc and, for audio, ssrc-audio-level. The session is ICE-lite with
 * {@code setup:actpass}; browsers answer active, so the engine stays DTLS server.
 *
 * <p>Mids are stable: a track keeps its m-line for as long as it is in the list (matched by
 * {@link ForwardedTrack#trackId()}). A track that leaves turns its m-line {@code inactive}; a later new track of the
 * same kind takes over an m-line that was already offered inactive once, so the browser sees the old track end
 * before the new one starts on the same transceiver. New m-lines are appended.
 *
 * <pre>{@code
 * SubscribeOffer offer = SubscribeOffer.initial(local, tracks);
 * signaling.send(offer.sdp().toString());
 * SubscribeAnswer answer = offer.accept(SessionDescription.parse(answerSdp));
 * // publishers changed, and the answer above has arrived:
 * offer = offer.next(newTracks);
 * }</pre>
 */
public final class SubscribeOffer {

    /**
     * The id forwarded packets carry abs-send-time under (the forwarder writes it). No transport-cc: with it
     * negotiated Chrome stops sending REMB, and REMB is the subscriber bandwidth estimate the engine uses.
     */
    public static final int ABS_SEND_TIME_ID = 2;
    /** Extmap ids of the engine's subscribe offers; one-byte header ids, the same numbers Chrome uses. */
    static final Map<RtpExtension, Integer> EXTMAP_IDS = Map.of(
            RtpExtension.AUDIO_LEVEL, 1, RtpExtension.ABS_SEND_TIME, ABS_SEND_TIME_ID, RtpExtension.MID, 4);
    private static final List<RtpExtension> AUDIO_EXTENSIONS = List.of(
            RtpExtension.AUDIO_LEVEL, RtpExtension.ABS_SEND_TIME, RtpExtension.MID);
    private static final List<RtpExtension> VIDEO_EXTENSIONS = List.of(
            RtpExtension.ABS_SEND_TIME, RtpExtension.MID);
    private static final List<String> VIDEO_FEEDBACK = List.of("goog-remb", "ccm fir", "nack", "nack pli");
    private static final List<String> AUDIO_FEEDBACK = List.of();
    static final String PROTOCOL = "UDP/TLS/RTP/SAVPF";

    private final LocalTransport local;
    private final long sessionId;
    private final long version;
    private final List<SubscribeSlot> slots;
    private final int nextMid;
    private final SessionDescription sdp;

    private SubscribeOffer(LocalTransport local, long sessionId, long version, List<SubscribeSlot> slots, int nextMid) {
        this.local = local;
        this.sessionId = sessionId;
        this.version = version;
        this.slots = List.copyOf(slots);
        this.nextMid = nextMid;
        this.sdp = render();
    }

    /** The first offer on a new subscriber PeerConnection. */
    public static SubscribeOffer initial(LocalTransport local, List<ForwardedTrack> tracks) {
        long sessionId = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return new SubscribeOffer(local, sessionId, 0, List.of(), 0).next(tracks);
    }

    /**
     * The re-offer for a new set of tracks. Call it only once the answer to this offer has been applied:
     * recycling relies on the browser having seen each inactive m-line.
     *
     * @throws IllegalArgumentException for duplicate track ids or mids, or a mid that names an m-line of the other kind
     * @throws IllegalStateException when the offer would need more m-lines than {@link SdpLimits#DEFAULT} allows
     */
    public SubscribeOffer next(List<ForwardedTrack> tracks) {
        long newVersion = version + 1;
        Set<String> trackIds = new HashSet<>();
        Set<String> explicitMids = new HashSet<>();
        for (ForwardedTrack t : tracks) {
            if (!trackIds.add(t.trackId())) {
                throw new IllegalArgumentException("track id " + t.trackId() + " appears twice");
            }
            if (t.mid() != null && !explicitMids.add(t.mid())) {
                throw new IllegalArgumentException("mid " + t.mid() + " is asked for by two tracks");
            }
        }
        List<SubscribeSlot> next = new ArrayList<>(slots);
        ForwardedTrack[] placed = new ForwardedTrack[Math.max(slots.size(), 1) + tracks.size()];
        int midCounter = nextMid;
        List<ForwardedTrack> unplaced = new ArrayList<>();

        // Tracks that ask for a mid first, so that a track kept by id cannot take a mid someone asked for.
        for (ForwardedTrack t : tracks) {
            if (t.mid() == null) {
                continue;
            }
            int index = indexOfMid(next, t.mid());
            if (index < 0) {
                next.add(new SubscribeSlot(t.mid(), t.kind(), null, t.codec(), 0));
                index = next.size() - 1;
            } else if (next.get(index).kind() != t.kind()) {
                throw new IllegalArgumentException("mid " + t.mid() + " is a " + next.get(index).kind().mediaName()
                        + " m-line; track " + t.trackId() + " is " + t.kind().mediaName());
            }
            placed[index] = t;
        }
        Map<String, Integer> previousSlotOfTrack = new HashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).isActive()) {
                previousSlotOfTrack.put(slots.get(i).track().trackId(), i);
            }
        }
        for (ForwardedTrack t : tracks) {
            if (t.mid() != null) {
                continue;
            }
            Integer index = previousSlotOfTrack.get(t.trackId());
            if (index != null && placed[index] == null) {
                placed[index] = t;
            } else {
                unplaced.add(t);
            }
        }
        for (ForwardedTrack t : unplaced) {
            int index = -1;
            for (int i = 0; i < slots.size(); i++) {
                // Only m-lines the browser has already seen inactive are reused (see class comment).
                if (placed[i] == null && !slots.get(i).isActive() && slots.get(i).kind() == t.kind()) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                String mid;
                do {
                    mid = Integer.toString(midCounter++);
                } while (indexOfMid(next, mid) >= 0 || explicitMids.contains(mid));
                next.add(new SubscribeSlot(mid, t.kind(), null, t.codec(), 0));
                index = next.size() - 1;
            }
            placed[index] = t;
        }
        if (next.size() > SdpLimits.DEFAULT.maxMediaSections()) {
            throw new IllegalStateException("a subscribe offer would need " + next.size() + " m-lines, more than "
                    + SdpLimits.DEFAULT.maxMediaSections() + "; forward fewer tracks or start a new PeerConnection");
        }
        for (int i = 0; i < next.size(); i++) {
            SubscribeSlot slot = next.get(i);
            ForwardedTrack t = placed[i];
            if (t != null) {
                next.set(i, new SubscribeSlot(slot.mid(), slot.kind(), t.withMid(slot.mid()), t.codec(), 0));
            } else if (slot.isActive()) {
                next.set(i, new SubscribeSlot(slot.mid(), slot.kind(), null, slot.codec(), newVersion));
            }
        }
        return new SubscribeOffer(local, sessionId, newVersion, next, midCounter);
    }

    private static int indexOfMid(List<SubscribeSlot> slots, String mid) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).mid().equals(mid)) {
                return i;
            }
        }
        return -1;
    }

    /** The offer to send. */
    public SessionDescription sdp() {
        return sdp;
    }

    /** The o= line's session version, 1 for the first offer. */
    public long version() {
        return version;
    }

    /** The m-lines in order, active and inactive. */
    public List<SubscribeSlot> slots() {
        return slots;
    }

    /** The tracks of this offer with the mids they got, in m-line order. */
    public List<ForwardedTrack> tracks() {
        return slots.stream().filter(SubscribeSlot::isActive).map(SubscribeSlot::track).toList();
    }

    public Optional<String> midOf(String trackId) {
        return tracks().stream().filter(t -> t.trackId().equals(trackId)).map(ForwardedTrack::mid).findFirst();
    }

    /** Reads the subscriber's answer to this offer; see {@link SubscribeAnswer#parse}. */
    public SubscribeAnswer accept(SessionDescription answer) throws SdpException {
        return SubscribeAnswer.parse(this, answer);
    }

    private SessionDescription render() {
        List<SdpLine> session = new ArrayList<>();
        session.add(new SdpLine('v', "0"));
        session.add(new SdpLine('o', "- " + sessionId + " " + version + " IN IP4 127.0.0.1"));
        session.add(new SdpLine('s', "-"));
        session.add(new SdpLine('t', "0 0"));
        session.add(SdpLine.flag("ice-lite"));
        if (!slots.isEmpty()) {
            session.add(SdpLine.attribute("group", "BUNDLE " + String.join(" ", slots.stream().map(SubscribeSlot::mid).toList())));
        }
        session.add(SdpLine.attribute("msid-semantic", "WMS *"));
        List<MediaSection> media = new ArrayList<>(slots.size());
        try {
            for (SubscribeSlot slot : slots) {
                media.add(section(slot));
            }
            return SessionDescription.of(session, media);
        } catch (SdpException e) {
            // Everything here is built from checked values; failing means a bug in this class.
            throw new IllegalStateException("built an invalid subscribe offer: " + e.getMessage(), e);
        }
    }

    private MediaSection section(SubscribeSlot slot) throws SdpException {
        Codec codec = slot.codec();
        ForwardedTrack track = slot.track();
        List<String> formats = new ArrayList<>();
        formats.add(Integer.toString(codec.subscribePayloadType()));
        if (codec.subscribeRtxPayloadType() >= 0) {
            formats.add(Integer.toString(codec.subscribeRtxPayloadType()));
        }
        List<SdpLine> lines = new ArrayList<>();
        lines.add(new SdpLine('c', "IN IP4 0.0.0.0"));
        lines.addAll(local.candidateLines());
        lines.addAll(local.transportLines(SetupRole.ACTPASS));
        lines.add(SdpLine.attribute("mid", slot.mid()));
        for (RtpExtension e : slot.kind() == MediaKind.AUDIO ? AUDIO_EXTENSIONS : VIDEO_EXTENSIONS) {
            lines.add(SdpLine.attribute("extmap", EXTMAP_IDS.get(e) + " " + e.uri()));
        }
        lines.add(SdpLine.flag(track == null ? "inactive" : "sendonly"));
        String msid = track == null ? null : track.streamId() + " " + track.trackId();
        if (msid != null) {
            lines.add(SdpLine.attribute("msid", msid));
        }
        lines.add(SdpLine.flag("rtcp-mux"));
        lines.add(SdpLine.flag("rtcp-rsize"));
        int pt = codec.subscribePayloadType();
        lines.add(SdpLine.attribute("rtpmap", new RtpMap(pt, codec.encodingName(), codec.clockRate(), codec.channels()).attributeValue()));
        for (String fb : slot.kind() == MediaKind.AUDIO ? AUDIO_FEEDBACK : VIDEO_FEEDBACK) {
            lines.add(SdpLine.attribute("rtcp-fb", pt + " " + fb));
        }
        if (!codec.subscribeFmtp().isEmpty()) {
            lines.add(SdpLine.attribute("fmtp", pt + " " + codec.subscribeFmtp()));
        }
        int rtxPt = codec.subscribeRtxPayloadType();
        if (rtxPt >= 0) {
            lines.add(SdpLine.attribute("rtpmap", rtxPt + " rtx/" + codec.clockRate()));
            lines.add(SdpLine.attribute("fmtp", rtxPt + " apt=" + pt));
        }
        if (track != null) {
            // cname = stream id: RFC 7022 wants one cname per synchronised source; a publisher's tracks share it.
            String cname = track.streamId();
            if (track.rtxSsrc() != 0) {
                lines.add(SdpLine.attribute("ssrc-group", "FID " + track.ssrc() + " " + track.rtxSsrc()));
            }
            lines.add(SdpLine.attribute("ssrc", track.ssrc() + " cname:" + cname));
            lines.add(SdpLine.attribute("ssrc", track.ssrc() + " msid:" + msid));
            if (track.rtxSsrc() != 0) {
                lines.add(SdpLine.attribute("ssrc", track.rtxSsrc() + " cname:" + cname));
                lines.add(SdpLine.attribute("ssrc", track.rtxSsrc() + " msid:" + msid));
            }
        }
        MediaLine mline = new MediaLine(slot.kind().mediaName(), 9, PROTOCOL, formats);
        return MediaSection.of(mline, lines);
    }
}
