package org.plenum.media.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One media description: its m-line and the lines that follow it up to the next m-line, kept verbatim, with typed
 * views of what the engine needs. The typed views are parsed and checked when the section is created, so a section
 * that exists is well-formed: an {@code a=rtpmap} names a payload type of its m-line, mids and rids are tokens,
 * extmap ids are unique and in range, single-valued attributes appear once.
 *
 * <p>Transport attributes (ice-ufrag, ice-pwd, fingerprint, setup) may sit at session level instead (Firefox writes
 * the fingerprint there); ask {@link SessionDescription} for the effective value.
 */
public final class MediaSection {
    private final MediaLine mediaLine;
    private final List<SdpLine> lines;
    // Every field is final and filled in the constructor, so a section can be handed between threads freely.
    private final String mid;
    private final Direction direction;
    private final String iceUfrag;
    private final String icePwd;
    private final List<Fingerprint> fingerprints;
    private final SetupRole setup;
    private final boolean rtcpMux;
    private final boolean rtcpReducedSize;
    private final Map<Integer, RtpMap> rtpMaps;
    private final Map<Integer, String> fmtps;
    private final Map<Integer, List<String>> rtcpFeedback;
    private final List<String> rtcpFeedbackForAll;
    private final List<Extmap> extmaps;
    private final List<SsrcAttribute> ssrcAttributes;
    private final List<SsrcGroup> ssrcGroups;
    private final Msid msid;
    private final List<Rid> rids;
    private final Simulcast simulcast;
    private final List<Candidate> candidates;
    private final boolean endOfCandidates;

    private MediaSection(MediaLine mediaLine, List<SdpLine> lines, Reader r) {
        this.mediaLine = mediaLine;
        this.lines = List.copyOf(lines);
        this.mid = r.mid;
        this.direction = r.direction == null ? Direction.SENDRECV : r.direction;
        this.iceUfrag = r.iceUfrag;
        this.icePwd = r.icePwd;
        this.fingerprints = List.copyOf(r.fingerprints);
        this.setup = r.setup;
        this.rtcpMux = r.rtcpMux;
        this.rtcpReducedSize = r.rtcpReducedSize;
        this.rtpMaps = Collections.unmodifiableMap(new LinkedHashMap<>(r.rtpMaps));
        this.fmtps = Map.copyOf(r.fmtps);
        Map<Integer, List<String>> feedback = new LinkedHashMap<>();
        r.rtcpFeedback.forEach((pt, values) -> feedback.put(pt, List.copyOf(values)));
        this.rtcpFeedback = Collections.unmodifiableMap(feedback);
        this.rtcpFeedbackForAll = List.copyOf(r.rtcpFeedbackForAll);
        this.extmaps = List.copyOf(r.extmaps);
        this.ssrcAttributes = List.copyOf(r.ssrcAttributes);
        this.ssrcGroups = List.copyOf(r.ssrcGroups);
        this.msid = r.msid;
        this.rids = List.copyOf(r.rids);
        this.simulcast = r.simulcast;
        this.candidates = List.copyOf(r.candidates);
        this.endOfCandidates = r.endOfCandidates;
    }

    /** Builds and checks a section; {@code lines} are those after the m-line. */
    public static MediaSection of(MediaLine mediaLine, List<SdpLine> lines) throws SdpException {
        return parse(mediaLine, lines, 0, null);
    }

    /**
     * {@code mLineNumber} is the 1-based number of the m-line in the source text and {@code lineNumbers} those of
     * {@code lines}; 0 and null when built in code.
     */
    static MediaSection parse(MediaLine mediaLine, List<SdpLine> lines, int mLineNumber, List<Integer> lineNumbers)
            throws SdpException {
        Set<Integer> formats = new HashSet<>();
        if (mediaLine.isRtp()) {
            for (String f : mediaLine.formats()) {
                if (!formats.add(Integer.parseInt(f))) {
                    throw SdpException.atLine(mLineNumber, new SdpLine('m', mediaLine.value()),
                            "payload type " + f + " listed twice");
                }
            }
        }
        Reader reader = new Reader(formats);
        for (int i = 0; i < lines.size(); i++) {
            SdpLine line = lines.get(i);
            try {
                reader.read(line);
            } catch (MalformedLine e) {
                throw SdpException.atLine(lineNumbers == null ? 0 : lineNumbers.get(i), line, e.getMessage());
            }
        }
        return new MediaSection(mediaLine, lines, reader);
    }

    /** Collects the typed attributes while the lines are checked one by one. */
    private static final class Reader {
        private final Set<Integer> formats;
        String mid;
        Direction direction;
        String iceUfrag;
        String icePwd;
        final List<Fingerprint> fingerprints = new ArrayList<>();
        SetupRole setup;
        boolean rtcpMux;
        boolean rtcpReducedSize;
        final Map<Integer, RtpMap> rtpMaps = new LinkedHashMap<>();
        final Map<Integer, String> fmtps = new LinkedHashMap<>();
        final Map<Integer, List<String>> rtcpFeedback = new LinkedHashMap<>();
        final List<String> rtcpFeedbackForAll = new ArrayList<>();
        final List<Extmap> extmaps = new ArrayList<>();
        final List<SsrcAttribute> ssrcAttributes = new ArrayList<>();
        final List<SsrcGroup> ssrcGroups = new ArrayList<>();
        Msid msid;
        final List<Rid> rids = new ArrayList<>();
        Simulcast simulcast;
        final List<Candidate> candidates = new ArrayList<>();
        boolean endOfCandidates;

        Reader(Set<Integer> formats) {
            this.formats = formats;
        }

        void read(SdpLine line) {
            if (!line.isAttribute()) {
                if (line.type() == 'm' || line.type() == 'v') {
                    throw new MalformedLine("unexpected inside a media description");
                }
                return;
            }
            String name = line.attributeName();
            String value = line.attributeValue();
            Direction dir = Direction.ofAttribute(line.value());
            if (dir != null) {
                if (direction != null) {
                    throw new MalformedLine("second direction attribute in one media description");
                }
                direction = dir;
                return;
            }
            switch (name) {
                case "mid" -> {
                    once(mid, "mid");
                    if (!SdpText.isToken(value) || value.length() > 32) {
                        throw new MalformedLine("mid must be a token of 1-32 characters");
                    }
                    mid = value;
                }
                case "ice-ufrag" -> {
                    once(iceUfrag, "ice-ufrag");
                    iceUfrag = iceUfrag(value);
                }
                case "ice-pwd" -> {
                    once(icePwd, "ice-pwd");
                    icePwd = icePwd(value);
                }
                case "fingerprint" -> fingerprints.add(Fingerprint.parse(value));
                case "setup" -> {
                    once(setup, "setup");
                    setup = setupRole(value);
                }
                case "rtcp-mux" -> rtcpMux = true;
                case "rtcp-rsize" -> rtcpReducedSize = true;
                case "rtpmap" -> {
                    RtpMap map = RtpMap.parse(value);
                    listed(formats, map.payloadType(), "rtpmap");
                    if (rtpMaps.putIfAbsent(map.payloadType(), map) != null) {
                        throw new MalformedLine("second rtpmap for payload type " + map.payloadType());
                    }
                }
                case "fmtp" -> {
                    String[] parts = SdpText.headAndRest(value, "fmtp");
                    int pt = SdpText.payloadType(parts[0]);
                    listed(formats, pt, "fmtp");
                    if (fmtps.putIfAbsent(pt, parts[1]) != null) {
                        throw new MalformedLine("second fmtp for payload type " + pt);
                    }
                }
                case "rtcp-fb" -> {
                    String[] parts = SdpText.headAndRest(value, "rtcp-fb");
                    if (parts[0].equals("*")) {
                        rtcpFeedbackForAll.add(parts[1]);
                    } else {
                        int pt = SdpText.payloadType(parts[0]);
                        listed(formats, pt, "rtcp-fb");
                        rtcpFeedback.computeIfAbsent(pt, k -> new ArrayList<>()).add(parts[1]);
                    }
                }
                case "extmap" -> {
                    Extmap extmap = Extmap.parse(value);
                    for (Extmap other : extmaps) {
                        if (other.id() == extmap.id()) {
                            throw new MalformedLine("extmap id " + extmap.id() + " already used for " + other.uri());
                        }
                    }
                    extmaps.add(extmap);
                }
                case "ssrc" -> ssrcAttributes.add(SsrcAttribute.parse(value));
                case "ssrc-group" -> ssrcGroups.add(SsrcGroup.parse(value));
                case "msid" -> {
                    // RFC 8830 allows several msid lines (one track in several streams); the engine uses the first.
                    Msid parsed = Msid.parse(value);
                    if (msid == null) {
                        msid = parsed;
                    }
                }
                case "rid" -> {
                    Rid rid = Rid.parse(value);
                    for (Rid other : rids) {
                        if (other.id().equals(rid.id())) {
                            throw new MalformedLine("rid " + rid.id() + " declared twice");
                        }
                    }
                    rids.add(rid);
                }
                case "simulcast" -> {
                    once(simulcast, "simulcast");
                    simulcast = Simulcast.parse(value);
                }
                case "candidate" -> candidates.add(Candidate.parse(value));
                case "end-of-candidates" -> endOfCandidates = true;
                default -> {
                    // Unknown attributes stay in lines() verbatim.
                }
            }
        }
    }

    static String iceUfrag(String value) {
        // RFC 8839 §5.4: 4-256 ice-chars.
        if (value.length() < 4 || value.length() > 256 || !SdpText.isIceChars(value)) {
            throw new MalformedLine("ice-ufrag must be 4-256 characters of [A-Za-z0-9+/]");
        }
        return value;
    }

    static String icePwd(String value) {
        if (value.length() < 22 || value.length() > 256 || !SdpText.isIceChars(value)) {
            throw new MalformedLine("ice-pwd must be 22-256 characters of [A-Za-z0-9+/]");
        }
        return value;
    }

    static SetupRole setupRole(String value) {
        SetupRole role = SetupRole.ofAttributeValue(value);
        if (role == null) {
            throw new MalformedLine("setup must be actpass, active, passive or holdconn");
        }
        return role;
    }

    static void once(Object previous, String name) {
        if (previous != null) {
            throw new MalformedLine("second a=" + name + " where only one is allowed");
        }
    }

    private static void listed(Set<Integer> formats, int pt, String what) {
        if (!formats.contains(pt)) {
            throw new MalformedLine(what + " for payload type " + pt + " which the m-line does not list");
        }
    }

    public MediaLine mediaLine() {
        return mediaLine;
    }

    /** The lines after the m-line, verbatim, unknown attributes included. */
    public List<SdpLine> lines() {
        return lines;
    }

    /** The audio/video kind, or null for other media (application, ...). */
    public MediaKind kind() {
        return mediaLine.kind();
    }

    /** Port 0: rejected by the answerer or stopped (RFC 8843 §7.1, JSEP §5.2.2). */
    public boolean isRejected() {
        return mediaLine.port() == 0;
    }

    public Optional<String> mid() {
        return Optional.ofNullable(mid);
    }

    /** The direction attribute; sendrecv when none is written (RFC 8866 §6.7). */
    public Direction direction() {
        return direction;
    }

    public Optional<String> iceUfrag() {
        return Optional.ofNullable(iceUfrag);
    }

    public Optional<String> icePwd() {
        return Optional.ofNullable(icePwd);
    }

    public List<Fingerprint> fingerprints() {
        return fingerprints;
    }

    public Optional<SetupRole> setup() {
        return Optional.ofNullable(setup);
    }

    public boolean rtcpMux() {
        return rtcpMux;
    }

    public boolean rtcpReducedSize() {
        return rtcpReducedSize;
    }

    /** rtpmap per payload type, in the order written. */
    public Map<Integer, RtpMap> rtpMaps() {
        return rtpMaps;
    }

    /** The fmtp parameters of a payload type as written ("minptime=10;useinbandfec=1"). */
    public Optional<String> fmtp(int payloadType) {
        return Optional.ofNullable(fmtps.get(payloadType));
    }

    /** One fmtp parameter ("apt", "packetization-mode", ...), compared case-insensitively by name. */
    public Optional<String> fmtpParameter(int payloadType, String name) {
        String fmtp = fmtps.get(payloadType);
        if (fmtp == null) {
            return Optional.empty();
        }
        for (String param : fmtp.split(";")) {
            int eq = param.indexOf('=');
            String key = (eq < 0 ? param : param.substring(0, eq)).trim();
            if (key.equalsIgnoreCase(name)) {
                return Optional.of(eq < 0 ? "" : param.substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }

    /** rtcp-fb values for a payload type ("nack", "nack pli", ...) including those written for "*". */
    public List<String> rtcpFeedback(int payloadType) {
        List<String> own = rtcpFeedback.getOrDefault(payloadType, List.of());
        if (rtcpFeedbackForAll.isEmpty()) {
            return own;
        }
        List<String> all = new ArrayList<>(own);
        all.addAll(rtcpFeedbackForAll);
        return all;
    }

    /** RTX payload type whose {@code apt} names {@code payloadType} (RFC 4588 §8.6), if any. */
    public OptionalInt rtxFor(int payloadType) {
        for (RtpMap map : rtpMaps.values()) {
            if (map.is("rtx")) {
                Optional<String> apt = fmtpParameter(map.payloadType(), "apt");
                if (apt.isPresent() && apt.get().equals(Integer.toString(payloadType))) {
                    return OptionalInt.of(map.payloadType());
                }
            }
        }
        return OptionalInt.empty();
    }

    public List<Extmap> extmaps() {
        return extmaps;
    }

    /** The id negotiated for an extension URI, if any. */
    public OptionalInt extmapId(String uri) {
        for (Extmap e : extmaps) {
            if (e.uri().equals(uri)) {
                return OptionalInt.of(e.id());
            }
        }
        return OptionalInt.empty();
    }

    public List<SsrcAttribute> ssrcAttributes() {
        return ssrcAttributes;
    }

    /** Distinct ssrcs named by a=ssrc lines, in order of first appearance. */
    public List<Long> ssrcs() {
        return ssrcAttributes.stream().map(SsrcAttribute::ssrc).distinct().toList();
    }

    public List<SsrcGroup> ssrcGroups() {
        return ssrcGroups;
    }

    public Optional<SsrcGroup> ssrcGroup(String semantics) {
        return ssrcGroups.stream().filter(g -> g.semantics().equals(semantics)).findFirst();
    }

    /** The a=msid line, or failing that the msid of the first a=ssrc (as older Chrome wrote it only there). */
    public Optional<Msid> msid() {
        if (msid != null) {
            return Optional.of(msid);
        }
        for (SsrcAttribute a : ssrcAttributes) {
            if (a.name().equals("msid")) {
                try {
                    return Optional.of(Msid.parse(a.value()));
                } catch (MalformedLine e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    public List<Rid> rids() {
        return rids;
    }

    public Optional<Simulcast> simulcast() {
        return Optional.ofNullable(simulcast);
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    public boolean endOfCandidates() {
        return endOfCandidates;
    }

    /** Values of every {@code a=name[:value]} line with this name, in order. */
    public List<String> attributes(String name) {
        return lines.stream().filter(l -> l.isAttribute(name)).map(SdpLine::attributeValue).toList();
    }

    void appendTo(StringBuilder sb) {
        sb.append("m=").append(mediaLine.value()).append("\r\n");
        for (SdpLine line : lines) {
            sb.append(line).append("\r\n");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }
}
