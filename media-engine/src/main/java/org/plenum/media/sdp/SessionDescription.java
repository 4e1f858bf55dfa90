package org.plenum.media.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed session description (RFC 8866): the session-level lines and the media sections, kept line by line so
 * that {@link #toString()} reproduces what was parsed (with CRLF line endings) including attributes the engine does
 * not know. Immutable.
 *
 * <pre>{@code
 * SessionDescription offer = SessionDescription.parse(sdpFromBrowser);
 * String ufrag = offer.iceUfrag(offer.media().getFirst()).orElseThrow();
 * }</pre>
 *
 * <p>Parsing is bounded by {@link SdpLimits} and fails with an {@link SdpException} naming the line for anything
 * malformed: a missing {@code v=0}, lines that are not {@code <letter>=<value>}, control characters, bad payload
 * type numbers, duplicate mids, extmap ids out of range, and so on.
 */
public final class SessionDescription {
    private final List<SdpLine> sessionLines;
    private final List<MediaSection> media;
    // Final fields filled in the constructor: a description can be handed between threads freely.
    private final String iceUfrag;
    private final String icePwd;
    private final List<Fingerprint> fingerprints;
    private final SetupRole setup;
    private final boolean iceLite;
    private final List<List<String>> bundleGroups;

    /** {@code lineNumbers} holds the source line of each session line, or is null for lines built in code. */
    private SessionDescription(List<SdpLine> sessionLines, List<MediaSection> media, List<Integer> lineNumbers)
            throws SdpException {
        this.sessionLines = List.copyOf(sessionLines);
        this.media = List.copyOf(media);
        SessionReader r = new SessionReader();
        for (int i = 0; i < this.sessionLines.size(); i++) {
            SdpLine line = this.sessionLines.get(i);
            try {
                r.read(line);
            } catch (MalformedLine e) {
                throw SdpException.atLine(lineNumbers == null ? 0 : lineNumbers.get(i), line, e.getMessage());
            }
        }
        this.iceUfrag = r.iceUfrag;
        this.icePwd = r.icePwd;
        this.fingerprints = List.copyOf(r.fingerprints);
        this.setup = r.setup;
        this.iceLite = r.iceLite;
        this.bundleGroups = List.copyOf(r.bundleGroups);
        checkMids();
    }

    /** Parses with {@link SdpLimits#DEFAULT}. */
    public static SessionDescription parse(String sdp) throws SdpException {
        return parse(sdp, SdpLimits.DEFAULT);
    }

    public static SessionDescription parse(String sdp, SdpLimits limits) throws SdpException {
        if (sdp == null || sdp.isEmpty()) {
            throw new SdpException("SDP is empty");
        }
        if (sdp.length() > limits.maxChars()) {
            throw new SdpException("SDP is " + sdp.length() + " characters, more than the limit of " + limits.maxChars());
        }
        List<SdpLine> session = new ArrayList<>();
        List<MediaSection> media = new ArrayList<>();
        MediaLine currentMedia = null;
        int currentMediaLineNumber = 0;
        List<SdpLine> currentLines = null;
        List<Integer> currentNumbers = null;
        List<Integer> sessionNumbers = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        boolean sawVersion = false;
        while (start < sdp.length()) {
            int end = sdp.indexOf('\n', start);
            if (end < 0) {
                end = sdp.length();
            }
            lineNumber++;
            if (lineNumber > limits.maxLines()) {
                throw new SdpException("SDP has more than " + limits.maxLines() + " lines");
            }
            int contentEnd = end > start && sdp.charAt(end - 1) == '\r' ? end - 1 : end;
            String text = sdp.substring(start, contentEnd);
            start = end + 1;
            if (text.isEmpty()) {
                continue; // a trailing blank line, or one inserted by a relaxed signaling layer
            }
            if (!sawVersion && !text.equals("v=0")) {
                throw new SdpException("line " + lineNumber + ": SDP must start with 'v=0', found '"
                        + SdpException.quote(text) + "'");
            }
            SdpLine line = toLine(text, lineNumber, limits);
            if (!sawVersion) {
                sawVersion = true;
                session.add(line);
                sessionNumbers.add(lineNumber);
                continue;
            }
            if (line.type() == 'v') {
                throw SdpException.atLine(lineNumber, line, "second v= line");
            }
            if (line.type() == 'm') {
                if (currentMedia != null) {
                    media.add(MediaSection.parse(currentMedia, currentLines, currentMediaLineNumber, currentNumbers));
                }
                if (media.size() + 1 > limits.maxMediaSections()) {
                    throw SdpException.atLine(lineNumber, line, "more than " + limits.maxMediaSections() + " m-lines");
                }
                try {
                    currentMedia = MediaLine.parse(line.value());
                } catch (MalformedLine e) {
                    throw SdpException.atLine(lineNumber, line, e.getMessage());
                }
                currentMediaLineNumber = lineNumber;
                currentLines = new ArrayList<>();
                currentNumbers = new ArrayList<>();
            } else if (currentMedia != null) {
                currentLines.add(line);
                currentNumbers.add(lineNumber);
            } else {
                session.add(line);
                sessionNumbers.add(lineNumber);
            }
        }
        if (currentMedia != null) {
            media.add(MediaSection.parse(currentMedia, currentLines, currentMediaLineNumber, currentNumbers));
        }
        return new SessionDescription(session, media, sessionNumbers);
    }

    /**
     * Assembles a description from lines built in code; {@code sessionLines} starts with {@code v=0}. The same
     * checks as {@link #parse} apply (duplicate mids, BUNDLE naming unknown mids, ...).
     */
    public static SessionDescription of(List<SdpLine> sessionLines, List<MediaSection> media) throws SdpException {
        if (sessionLines.isEmpty() || !sessionLines.getFirst().toString().equals("v=0")) {
            throw new SdpException("SDP must start with 'v=0'");
        }
        return new SessionDescription(sessionLines, media, null);
    }

    private static SdpLine toLine(String text, int lineNumber, SdpLimits limits) throws SdpException {
        if (text.length() > limits.maxLineLength()) {
            throw new SdpException("line " + lineNumber + " is " + text.length() + " characters, more than the limit of "
                    + limits.maxLineLength() + ": '" + SdpException.quote(text) + "'");
        }
        char type = text.charAt(0);
        if (text.length() < 2 || type < 'a' || type > 'z' || text.charAt(1) != '=') {
            throw new SdpException("line " + lineNumber + " is not '<letter>=<value>': '" + SdpException.quote(text) + "'");
        }
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new SdpException("line " + lineNumber + " contains control character 0x"
                        + Integer.toHexString(c) + ": '" + SdpException.quote(text) + "'");
            }
        }
        return new SdpLine(type, text.substring(2));
    }

    private void checkMids() throws SdpException {
        Set<String> mids = new HashSet<>();
        for (MediaSection m : media) {
            if (m.mid().isPresent() && !mids.add(m.mid().get())) {
                throw new SdpException("mid '" + m.mid().get() + "' is used by two m-lines; mids must be unique (RFC 8843)");
            }
        }
        for (List<String> group : bundleGroups) {
            for (String mid : group) {
                if (!mids.contains(mid)) {
                    throw new SdpException("a=group:BUNDLE names mid '" + SdpException.quote(mid) + "' which no m-line has");
                }
            }
        }
    }

    /** Collects the session-level attributes the engine reads. */
    private static final class SessionReader {
        String iceUfrag;
        String icePwd;
        final List<Fingerprint> fingerprints = new ArrayList<>();
        SetupRole setup;
        boolean iceLite;
        final List<List<String>> bundleGroups = new ArrayList<>();

        void read(SdpLine line) {
            if (!line.isAttribute()) {
                return;
            }
            String value = line.attributeValue();
            switch (line.attributeName()) {
                case "ice-ufrag" -> {
                    MediaSection.once(iceUfrag, "ice-ufrag");
                    iceUfrag = MediaSection.iceUfrag(value);
                }
                case "ice-pwd" -> {
                    MediaSection.once(icePwd, "ice-pwd");
                    icePwd = MediaSection.icePwd(value);
                }
                case "fingerprint" -> fingerprints.add(Fingerprint.parse(value));
                case "setup" -> {
                    MediaSection.once(setup, "setup");
                    setup = MediaSection.setupRole(value);
                }
                case "ice-lite" -> iceLite = true;
                case "group" -> {
                    List<String> words = SdpText.words(value);
                    if (words.isEmpty()) {
                        throw new MalformedLine("group needs '<semantics> <mid> ...'");
                    }
                    if (words.getFirst().equals("BUNDLE")) {
                        bundleGroups.add(List.copyOf(words.subList(1, words.size())));
                    }
                }
                default -> {
                    // kept verbatim
                }
            }
        }
    }

    public List<SdpLine> sessionLines() {
        return sessionLines;
    }

    public List<MediaSection> media() {
        return media;
    }

    public Optional<MediaSection> mediaByMid(String mid) {
        return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
    }

    /** Values of every session-level {@code a=name[:value]} line. */
    public List<String> attributes(String name) {
        return sessionLines.stream().filter(l -> l.isAttribute(name)).map(SdpLine::attributeValue).toList();
    }

    public boolean iceLite() {
        return iceLite;
    }

    /** The mids of each {@code a=group:BUNDLE} line (WebRTC uses one). */
    public List<List<String>> bundleGroups() {
        return bundleGroups;
    }

    public Optional<String> sessionIceUfrag() {
        return Optional.ofNullable(iceUfrag);
    }

    public Optional<String> sessionIcePwd() {
        return Optional.ofNullable(icePwd);
    }

    public List<Fingerprint> sessionFingerprints() {
        return fingerprints;
    }

    public Optional<SetupRole> sessionSetup() {
        return Optional.ofNullable(setup);
    }

    /** The media-level ice-ufrag, else the session-level one (RFC 8839 §5.4). */
    public Optional<String> iceUfrag(MediaSection m) {
        return m.iceUfrag().or(this::sessionIceUfrag);
    }

    public Optional<String> icePwd(MediaSection m) {
        return m.icePwd().or(this::sessionIcePwd);
    }

    /** The sha-256 fingerprint at media level, else at session level (RFC 8122 §5). */
    public Optional<Fingerprint> sha256Fingerprint(MediaSection m) {
        return m.fingerprints().stream().filter(Fingerprint::isSha256).findFirst()
                .or(() -> fingerprints.stream().filter(Fingerprint::isSha256).findFirst());
    }

    public Optional<SetupRole> setup(MediaSection m) {
        return m.setup().or(this::sessionSetup);
    }

    /** The description as SDP text with CRLF line endings. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(4096);
        for (SdpLine line : sessionLines) {
            sb.append(line).append("\r\n");
        }
        for (MediaSection m : media) {
            m.appendTo(sb);
        }
        return sb.toString();
    }
}
