package org.plenum.media.sdp;

import java.io.Serial;

/**
 * A session description that the engine cannot use: malformed, oversized, or missing something the
 * engine needs (ICE credentials, a DTLS fingerprint, BUNDLE). The message names the offending line
 * where there is one, so signaling can hand it back to the client as is.
 */
public final class SdpException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final int QUOTED_LINE_MAX = 80;

    public SdpException(String message) {
        super(message);
    }

    /** A problem with one line; {@code lineNumber} is 1-based, or 0 when the line was not parsed from text. */
    static SdpException atLine(int lineNumber, SdpLine line, String problem) {
        String where = lineNumber > 0 ? "line " + lineNumber + " " : "";
        return new SdpException(where + "'" + quote(line.toString()) + "': " + problem);
    }

    static String quote(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), QUOTED_LINE_MAX) + 3);
        for (int i = 0; i < text.length() && i < QUOTED_LINE_MAX; i++) {
            char c = text.charAt(i);
            // Keep hostile control characters out of logs and error frames.
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (text.length() > QUOTED_LINE_MAX) {
            sb.append("...");
        }
        return sb.toString();
    }
}
