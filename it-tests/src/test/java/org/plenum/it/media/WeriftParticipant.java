package org.plenum.it.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.plenum.it.support.Await;
import org.plenum.it.support.Socket;
import org.plenum.it.support.webrtc.WeriftPeer;

/**
 * A meeting participant that is not a browser: a signaling {@link Socket} joined with a ticket, and a werift
 * peer with the two connections of the media namespace (docs/protocol.md): {@code pub}, which offers
 * werift's Opus and VP8 and applies the server's answer, and {@code sub}, which answers every subscribe offer
 * the server sends, re-offers included, with the offer's version. The offers are answered on a thread of
 * their own as they come.
 */
final class WeriftParticipant implements AutoCloseable {

    static final Duration CONNECT = Duration.ofSeconds(20);

    /** What arrives on a subscribe transceiver, from the offer's {@code tracks}. */
    record Track(String mid, String participantId, String source) {
    }

    final String name;
    final Socket socket;
    final WeriftPeer werift;
    final String participantId;
    private final Map<String, Track> tracksByMid = new ConcurrentHashMap<>();
    private final List<String> errors = new ArrayList<>(); // guarded by itself
    private final AtomicLong offersAnswered = new AtomicLong();
    private final Thread answering;
    private volatile boolean closing;
    private boolean subscribing; // only the answering thread touches it

    private WeriftParticipant(String name, Socket socket, WeriftPeer werift) {
        this.name = name;
        this.socket = socket;
        this.werift = werift;
        JsonNode joined = socket.joined();
        if (!"joined".equals(joined.path("type").asText())) {
            throw new IllegalStateException(name + " did not join: " + joined);
        }
        this.participantId = joined.path("body").path("participantId").asText();
        this.answering = new Thread(this::answerOffers, "subscribe-offers-" + name);
        answering.setDaemon(true);
        answering.start();
    }

    /** Joins the room the ticket is for, and starts answering subscribe offers. */
    static WeriftParticipant join(URI server, String ticket, String name) {
        WeriftPeer werift = WeriftPeer.start(name);
        try {
            return new WeriftParticipant(name, Socket.join(server, ticket), werift);
        } catch (RuntimeException | AssertionError e) {
            werift.close();
            throw e;
        }
    }

    /** Publishes werift's microphone (Opus) and camera (VP8) and waits until the publish connection is up. */
    void publish() {
        werift.publish("pub", true, true);
        String offer = werift.createOffer("pub");
        JsonNode answer = socket.awaitReply(socket.send("media", "publish", Map.of("sdp", offer, "sources", sources(offer))));
        if (!"answer".equals(answer.path("type").asText())) {
            throw new AssertionError(name + ": media/publish refused: " + answer);
        }
        werift.setRemoteDescription("pub", "answer", answer.path("body").path("sdp").asText());
        werift.awaitConnectionState("pub", "connected", CONNECT);
    }

    /** Leaves the room ({@code control/leave}, answered before the server closes the socket) and stops werift. */
    void leave() {
        JsonNode reply = socket.awaitReply(socket.send("control", "leave", Map.of()));
        if (!"ok".equals(reply.path("type").asText())) {
            throw new AssertionError(name + ": control/leave refused: " + reply);
        }
        close();
    }

    /** The transceivers the newest subscribe offer named, by mid. */
    Map<String, Track> tracks() {
        return Map.copyOf(tracksByMid);
    }

    /** Sends a {@code media/view} with one tile (device pixels) per entry and waits for its {@code ok}. */
    void view(List<Map<String, Object>> tiles) {
        JsonNode reply = socket.awaitReply(socket.send("media", "view", Map.of("tiles", tiles)));
        if (!"ok".equals(reply.path("type").asText())) {
            throw new AssertionError(name + ": media/view refused: " + reply);
        }
    }

    /** What the subscribe connection received of {@code from}'s {@code source} so far, if anything. */
    Optional<WeriftPeer.Received> from(String from, String source) {
        return from(from, source, subscribeStats());
    }

    Optional<WeriftPeer.Received> from(String from, String source, WeriftPeer.Stats stats) {
        if (stats == null) {
            return Optional.empty();
        }
        return tracksByMid.values().stream()
                .filter(t -> t.participantId().equals(from) && t.source().equals(source))
                .findFirst()
                .flatMap(t -> stats.onMid(t.mid()));
    }

    /** The subscribe connection's counters, or null before the first offer was answered. */
    WeriftPeer.Stats subscribeStats() {
        return offersAnswered.get() == 0 ? null : werift.stats("sub");
    }

    /** Waits until what arrived of {@code from}'s {@code source} satisfies {@code condition}. */
    WeriftPeer.Received awaitFrom(String from, String source, Duration limit, String what, Predicate<WeriftPeer.Received> condition) {
        return Await.until(name + " " + what + " from " + from + "'s " + source, limit, () -> {
            assertNoErrors();
            return from(from, source).filter(condition);
        });
    }

    long offersAnswered() {
        return offersAnswered.get();
    }

    /** Fails with what went wrong while answering offers, if anything did. */
    void assertNoErrors() {
        synchronized (errors) {
            if (!errors.isEmpty()) {
                throw new AssertionError(name + ": " + errors);
            }
        }
    }

    private void answerOffers() {
        while (!closing) {
            JsonNode offer;
            try {
                offer = socket.await("media", "offer");
            } catch (AssertionError e) {
                continue; // no new offer for a while (or closing): wait again
            }
            try {
                answer(offer.path("body"));
            } catch (RuntimeException | AssertionError e) {
                if (!closing) {
                    synchronized (errors) {
                        errors.add("answering offer " + offer.path("body").path("version").asLong() + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    private void answer(JsonNode offer) {
        long version = offer.path("version").asLong();
        tracksByMid.clear(); // inactive m-lines are not listed: what they carried is gone
        for (JsonNode t : offer.path("tracks")) {
            tracksByMid.put(t.path("mid").asText(), new Track(t.path("mid").asText(), t.path("participantId").asText(), t.path("source").asText()));
        }
        if (!subscribing) {
            werift.subscribe("sub", false, false);
            subscribing = true;
        }
        werift.setRemoteDescription("sub", "offer", offer.path("sdp").asText());
        String answer = werift.createAnswer("sub");
        JsonNode reply = socket.awaitReply(socket.send("media", "answer", Map.of("sdp", answer, "version", version)));
        if (!"ok".equals(reply.path("type").asText())) {
            throw new AssertionError("media/answer " + version + " refused: " + reply);
        }
        offersAnswered.incrementAndGet();
    }

    /** The {@code sources} of a publish: each m-line's mid, audio as the microphone, video as the camera. */
    private static Map<String, String> sources(String sdp) {
        Map<String, String> sources = new LinkedHashMap<>();
        String kind = null;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                kind = line.substring(2, line.indexOf(' '));
            } else if (line.startsWith("a=mid:") && kind != null) {
                sources.put(line.substring(6).trim(), kind.equals("audio") ? "microphone" : "camera");
            }
        }
        return sources;
    }

    @Override
    public void close() {
        closing = true;
        answering.interrupt();
        try {
            socket.close();
        } finally {
            werift.close();
        }
    }
}
