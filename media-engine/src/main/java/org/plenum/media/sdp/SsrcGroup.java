package org.plenum.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> <ssrc>...} (RFC 5576 §4.2). The engine reads {@code FID} (a media ssrc and its
 * RTX ssrc, RFC 4588) and {@code SIM} (legacy SSRC simulcast, lowest layer first).
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

    public static final String FID = "FID";
    public static final String SIM = "SIM";
    private static final int MAX_SSRCS = 16;

    public SsrcGroup {
        ssrcs = List.copyOf(ssrcs);
    }

    public String attributeValue() {
        StringBuilder sb = new StringBuilder(semantics);
        for (long s : ssrcs) {
            sb.append(' ').append(s);
        }
        return sb.toString();
    }

    static SsrcGroup parse(String attributeValue) {
        List<String> words = SdpText.words(attributeValue);
        if (words.size() < 2 || !SdpText.isToken(words.getFirst())) {
            throw new MalformedLine("ssrc-group needs '<semantics> <ssrc> ...'");
        }
        if (words.size() - 1 > MAX_SSRCS) {
            throw new MalformedLine("ssrc-group lists more than " + MAX_SSRCS + " ssrcs");
        }
        List<Long> ssrcs = new ArrayList<>(words.size() - 1);
        for (String w : words.subList(1, words.size())) {
            ssrcs.add(SdpText.ssrc(w));
        }
        if (words.getFirst().equals(FID) && ssrcs.size() != 2) {
            throw new MalformedLine("ssrc-group FID needs exactly two ssrcs (media, rtx)");
        }
        return new SsrcGroup(words.getFirst(), ssrcs);
    }
}
