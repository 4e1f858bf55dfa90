package org.plenum.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=simulcast:[send <streams>] [recv <streams>]} (RFC 8853). Each stream is a list of alternative rids
 * (written "h,h2"); a rid starting with '~' is offered paused. Streams appear in the order written, which Chrome
 * makes highest quality first.
 */
public record Simulcast(List<List<String>> send, List<List<String>> recv) {

    private static final int MAX_STREAMS = 8;

    public Simulcast {
        send = send.stream().map(List::copyOf).toList();
        recv = recv.stream().map(List::copyOf).toList();
    }

    /** The first alternative of each send stream, without the pause marker. */
    public List<String> sendRids() {
        return firstAlternatives(send);
    }

    public List<String> recvRids() {
        return firstAlternatives(recv);
    }

    public String attributeValue() {
        StringBuilder sb = new StringBuilder();
        if (!send.isEmpty()) {
            sb.append("send ").append(streams(send));
        }
        if (!recv.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append("recv ").append(streams(recv));
        }
        return sb.toString();
    }

    static String streams(List<List<String>> streams) {
        List<String> joined = streams.stream().map(alts -> String.join(",", alts)).toList();
        return String.join(";", joined);
    }

    private static List<String> firstAlternatives(List<List<String>> streams) {
        List<String> rids = new ArrayList<>(streams.size());
        for (List<String> alternatives : streams) {
            String first = alternatives.getFirst();
            rids.add(first.startsWith("~") ? first.substring(1) : first);
        }
        return List.copyOf(rids);
    }

    static Simulcast parse(String attributeValue) {
        List<String> words = SdpText.words(attributeValue);
        if (words.size() != 2 && words.size() != 4) {
            throw new MalformedLine("simulcast needs 'send <rids>' and/or 'recv <rids>'");
        }
        List<List<String>> send = List.of();
        List<List<String>> recv = List.of();
        for (int i = 0; i < words.size(); i += 2) {
            List<List<String>> streams = parseStreams(words.get(i + 1));
            switch (words.get(i)) {
                case "send" -> {
                    if (!send.isEmpty()) {
                        throw new MalformedLine("simulcast lists send twice");
                    }
                    send = streams;
                }
                case "recv" -> {
                    if (!recv.isEmpty()) {
                        throw new MalformedLine("simulcast lists recv twice");
                    }
                    recv = streams;
                }
                default -> throw new MalformedLine("simulcast direction must be send or recv");
            }
        }
        return new Simulcast(send, recv);
    }

    private static List<List<String>> parseStreams(String text) {
        String[] streams = text.split(";", -1);
        if (streams.length > MAX_STREAMS) {
            throw new MalformedLine("simulcast lists more than " + MAX_STREAMS + " streams");
        }
        List<List<String>> result = new ArrayList<>(streams.length);
        for (String stream : streams) {
            String[] alternatives = stream.split(",", -1);
            if (alternatives.length > MAX_STREAMS) {
                throw new MalformedLine("simulcast stream lists more than " + MAX_STREAMS + " alternatives");
            }
            for (String alt : alternatives) {
                String id = alt.startsWith("~") ? alt.substring(1) : alt;
                if (!Rid.isRidId(id)) {
                    throw new MalformedLine("simulcast rid '" + SdpException.quote(alt) + "' is not a valid rid id");
                }
            }
            result.add(List.of(alternatives));
        }
        return result;
    }
}
