package org.plenum.media.sdp;

import java.util.ArrayList;
import java.util.List;

/** Token and number reading shared by the attribute parsers; all of it bounded and free of regex backtracking. */
final class SdpText {
    private SdpText() {
    }

    /** A decimal integer in [min, max]; rejects signs, blanks and anything longer than 10 digits. */
    static long number(String text, long min, long max, String what) {
        if (text.isEmpty() || text.length() > 10) {
            throw new MalformedLine(what + " '" + SdpException.quote(text) + "' is not a number");
        }
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedLine(what + " '" + SdpException.quote(text) + "' is not a number");
            }
            n = n * 10 + (c - '0');
        }
        if (n < min || n > max) {
            throw new MalformedLine(what + " " + n + " outside " + min + ".." + max);
        }
        return n;
    }

    static int payloadType(String text) {
        return (int) number(text, 0, 127, "payload type");
    }

    static long ssrc(String text) {
        return number(text, 0, 0xFFFF_FFFFL, "ssrc");
    }

    /** Splits on single spaces, dropping empty tokens (some stacks write double spaces). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                if (i > start) {
                    words.add(text.substring(start, i));
                }
                start = i + 1;
            }
        }
        return words;
    }

    /** Splits {@code "<pt> <rest>"}, as in rtpmap, fmtp and rtcp-fb values. */
    static String[] headAndRest(String text, String what) {
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1) {
            throw new MalformedLine(what + " needs '<payload type> <value>'");
        }
        return new String[] {text.substring(0, space), text.substring(space + 1)};
    }

    /** ICE ufrag/pwd characters (RFC 8839 §5.4: ALPHA / DIGIT / "+" / "/"). */
    static boolean isIceChars(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** RFC 8866 token characters, for identifiers such as mid, rid and msid parts. */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]".indexOf(c) < 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
