package org.plenum.media.sdp;

import java.util.List;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830); Chrome writes "-" as stream id for a track without a stream.
 * {@code trackId} is "" when the line has none.
 */
public record Msid(String streamId, String trackId) {

    public Msid {
        if (!SdpText.isToken(streamId) || !(trackId.isEmpty() || SdpText.isToken(trackId))) {
            throw new IllegalArgumentException("msid ids must be SDP tokens");
        }
    }

    public String attributeValue() {
        return trackId.isEmpty() ? streamId : streamId + " " + trackId;
    }

    static Msid parse(String attributeValue) {
        List<String> words = SdpText.words(attributeValue);
        if (words.isEmpty() || words.size() > 2 || words.getFirst().length() > 256 || words.getLast().length() > 256
                || !SdpText.isToken(words.getFirst()) || !SdpText.isToken(words.getLast())) {
            throw new MalformedLine("msid needs '<stream id> [<track id>]' made of tokens");
        }
        return new Msid(words.getFirst(), words.size() == 2 ? words.get(1) : "");
    }
}
