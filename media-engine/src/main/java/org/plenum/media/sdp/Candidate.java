package org.plenum.media.sdp;

import java.util.List;
import java.util.Locale;

/**
 * {@code a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...}
 * (RFC 8839 §5.1). The engine is ICE-lite and never connects to remote candidates; it parses them to check them and
 * to report what the client offered. {@code attributeValue} is the whole value as written.
 */
public record Candidate(String foundation, int component, String transport, long priority, String address, int port,
                        String type, String attributeValue) {

    static Candidate parse(String attributeValue) {
        List<String> w = SdpText.words(attributeValue);
        if (w.size() < 8 || !w.get(6).equals("typ")) {
            throw new MalformedLine("candidate needs '<foundation> <component> <transport> <priority> <address> <port> typ <type>'");
        }
        if (w.get(0).length() > 32 || w.get(4).length() > 255) {
            throw new MalformedLine("candidate foundation or address is too long");
        }
        int component = (int) SdpText.number(w.get(1), 1, 256, "candidate component");
        long priority = SdpText.number(w.get(3), 1, 0xFFFF_FFFFL, "candidate priority");
        int port = (int) SdpText.number(w.get(5), 0, 65535, "candidate port");
        return new Candidate(w.get(0), component, w.get(2).toLowerCase(Locale.ROOT), priority, w.get(4), port, w.get(7),
                attributeValue);
    }
}
