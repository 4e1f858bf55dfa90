package org.plenum.it.support.webrtc;

import java.util.List;
import java.util.stream.Collectors;

/** What the tests do to SDP while carrying it between peers. */
public final class Sdp {

    public static final String LOOPBACK = "127.0.0.1";

    private Sdp() {
    }

    /**
     * {@code sdp} with only its UDP candidates on 127.0.0.1: the tests never let a peer try another
     * address, even one of this machine's own interfaces.
     */
    public static String loopbackOnly(String sdp) {
        return sdp.lines()
                .filter(line -> !line.startsWith("a=candidate:") || isLoopbackUdp(line))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    /** The {@code a=candidate:} lines of {@code sdp}. */
    public static List<String> candidates(String sdp) {
        return sdp.lines().filter(line -> line.startsWith("a=candidate:")).toList();
    }

    private static boolean isLoopbackUdp(String candidateLine) {
        // a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...
        String[] parts = candidateLine.split(" ");
        return parts.length > 5 && parts[2].equalsIgnoreCase("udp") && parts[4].equals(LOOPBACK);
    }
}
