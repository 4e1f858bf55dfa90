package org.plenum.media.sdp;

import java.util.List;

/**
 * {@code a=rid:<id> <send|recv> [<restrictions>]} (RFC 8851). {@code restrictions} (pt=, max-width=, ...) are kept as
 * text, "" when absent.
 */
public record Rid(String id, boolean send, String restrictions) {

    /** RFC 8851 rid-id is alphanumeric plus '-' and '_'; RTP carries it in a header extension, hence the short cap. */
    static final int MAX_ID_LENGTH = 16;

    public String attributeValue() {
        return id + (send ? " send" : " recv") + (restrictions.isEmpty() ? "" : " " + restrictions);
    }

    static Rid parse(String attributeValue) {
        List<String> words = SdpText.words(attributeValue);
        if (words.size() < 2 || words.size() > 3) {
            throw new MalformedLine("rid needs '<id> send|recv [<restrictions>]'");
        }
        String id = words.getFirst();
        if (!isRidId(id)) {
            throw new MalformedLine("rid id '" + SdpException.quote(id) + "' must be 1-" + MAX_ID_LENGTH + " letters, digits, '-' or '_'");
        }
        boolean send = switch (words.get(1)) {
            case "send" -> true;
            case "recv" -> false;
            default -> throw new MalformedLine("rid direction must be send or recv");
        };
        return new Rid(id, send, words.size() == 3 ? words.get(2) : "");
    }

    static boolean isRidId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }
}
