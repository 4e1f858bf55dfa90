package org.plenum.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * What the engine puts in its own SDP about its transport: ICE-lite credentials, the sha-256 fingerprint of its DTLS
 * certificate ("AB:CD:..."), and its candidates as {@code a=candidate} values. A candidate may be given with or
 * without the leading {@code "candidate:"}; it is stored without.
 *
 * <pre>{@code
 * new LocalTransport("a1B2c3D4", "0123456789abcdefABCDEF01", cert.fingerprintSha256(),
 *         List.of("1 1 udp 2130706431 127.0.0.1 10000 typ host"));
 * }</pre>
 */
public record LocalTransport(String iceUfrag, String icePwd, String fingerprintSha256, List<String> candidates) {

    public LocalTransport {
        try {
            MediaSection.iceUfrag(iceUfrag);
            MediaSection.icePwd(icePwd);
        } catch (MalformedLine e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (!Fingerprint.isHexPairs(fingerprintSha256, 32)) {
            throw new IllegalArgumentException("fingerprint must be 32 colon-separated hex bytes (sha-256)");
        }
        fingerprintSha256 = fingerprintSha256.toUpperCase(java.util.Locale.ROOT);
        List<String> stripped = new ArrayList<>(candidates.size());
        for (String c : candidates) {
            String value = c.startsWith("a=") ? c.substring(2) : c;
            value = value.startsWith("candidate:") ? value.substring("candidate:".length()) : value;
            try {
                Candidate.parse(value);
                new SdpLine('a', "candidate:" + value);
            } catch (MalformedLine | IllegalArgumentException e) {
                throw new IllegalArgumentException("candidate '" + SdpException.quote(c) + "': " + e.getMessage());
            }
            stripped.add(value);
        }
        candidates = List.copyOf(stripped);
    }

    /** The transport lines every m-line of the engine's SDP carries, for the given DTLS role. */
    List<SdpLine> transportLines(SetupRole setup) {
        List<SdpLine> lines = new ArrayList<>(candidates.size() + 5);
        lines.add(SdpLine.attribute("ice-ufrag", iceUfrag));
        lines.add(SdpLine.attribute("ice-pwd", icePwd));
        lines.add(SdpLine.attribute("fingerprint", "sha-256 " + fingerprintSha256));
        lines.add(SdpLine.attribute("setup", setup.attributeValue()));
        return lines;
    }

    /** Candidates and end-of-candidates: an ICE-lite agent knows all of them up front. */
    List<SdpLine> candidateLines() {
        List<SdpLine> lines = new ArrayList<>(candidates.size() + 1);
        for (String c : candidates) {
            lines.add(SdpLine.attribute("candidate", c));
        }
        lines.add(SdpLine.flag("end-of-candidates"));
        return lines;
    }
}
