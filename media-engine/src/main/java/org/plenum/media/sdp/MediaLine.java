package org.plenum.media.sdp;

import java.util.List;

/**
 * {@code m=<media> <port> <proto> <fmt> ...} (RFC 8866 §5.14). {@code media} is kept as written ("audio", "video",
 * "application", ...); formats are payload type numbers for RTP protocols and opaque tokens otherwise.
 * A port of 0 means the m-line is rejected or stopped.
 */
public record MediaLine(String media, int port, String protocol, List<String> formats) {

    static final int MAX_FORMATS = 64;

    public MediaLine {
        formats = List.copyOf(formats);
    }

    /** The kind the engine understands, or null for application and other media. */
    public MediaKind kind() {
        return MediaKind.ofMediaName(media);
    }

    public boolean isRtp() {
        return protocol.contains("RTP/");
    }

    /** Formats as payload type numbers (checked 0-127 at parse time); empty for non-RTP m-lines. */
    public List<Integer> payloadTypes() {
        return isRtp() ? formats.stream().map(Integer::parseInt).toList() : List.of();
    }

    public String value() {
        return media + " " + port + " " + protocol + " " + String.join(" ", formats);
    }

    static MediaLine parse(String value) {
        List<String> w = SdpText.words(value);
        if (w.size() < 4) {
            throw new MalformedLine("m-line needs '<media> <port> <proto> <fmt> ...'");
        }
        if (!SdpText.isToken(w.get(0)) || w.get(0).length() > 32) {
            throw new MalformedLine("media '" + SdpException.quote(w.get(0)) + "' is not a token");
        }
        String portText = w.get(1);
        int slash = portText.indexOf('/');
        // "<port>/<number of ports>" is legal RFC 8866 syntax; WebRTC never uses it, so only the port is kept.
        int port = (int) SdpText.number(slash < 0 ? portText : portText.substring(0, slash), 0, 65535, "port");
        String protocol = w.get(2);
        if (protocol.length() > 64 || protocol.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new MalformedLine("protocol is not a token");
        }
        List<String> formats = w.subList(3, w.size());
        if (formats.size() > MAX_FORMATS) {
            throw new MalformedLine("m-line lists more than " + MAX_FORMATS + " formats");
        }
        boolean rtp = protocol.contains("RTP/");
        for (String f : formats) {
            if (rtp) {
                SdpText.payloadType(f);
            } else if (!SdpText.isToken(f) || f.length() > 64) {
                throw new MalformedLine("format '" + SdpException.quote(f) + "' is not a token");
            }
        }
        return new MediaLine(w.get(0), port, protocol, formats);
    }
}
