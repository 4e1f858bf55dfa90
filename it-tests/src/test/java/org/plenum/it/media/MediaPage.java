package org.plenum.it.media;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.plenum.it.support.Await;
import org.plenum.it.support.browser.BrowserSession;

/**
 * One Chromium running the media test page ({@code src/test/resources/browser/media/}): joins a room through
 * the real signaling, publishes its fake camera and microphone, and reports what it receives per participant.
 */
final class MediaPage {

    /** What the subscribe connection received from one participant's source, from getStats(). */
    record Inbound(String kind, String participantId, String source, long packetsReceived, long bytesReceived,
                   long framesDecoded, long frameWidth, long frameHeight, long keyFramesDecoded, long totalSamplesReceived) {
    }

    final BrowserSession browser;
    String participantId;

    MediaPage(BrowserSession browser) {
        this.browser = browser;
    }

    void open(URI page) {
        browser.open(page);
    }

    /** Joins with a ticket (the ticket goes in a script argument, never into a URL). */
    String join(URI server, String ticket, String name) {
        String ws = "ws://" + server.getHost() + ":" + server.getPort() + "/signaling";
        participantId = (String) browser.await("return await window.plenum.join({signalingUrl: args[0], ticket: args[1], displayName: args[2]});",
                ws, ticket, name);
        return participantId;
    }

    void publish(boolean simulcast) {
        browser.await("return await window.plenum.publish({simulcast: args[0]});", simulcast);
    }

    /** Adds a second video source (a moving canvas) as the screen share. */
    void shareScreen() {
        browser.await("return await window.plenum.shareScreen();");
    }

    /** Milliseconds from join() to the first shown frame of {@code from}'s {@code source}, by the page's clock; -1 if none yet. */
    @SuppressWarnings("unchecked")
    double firstFrameDelay(String from, String source) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) browser.execute("return window.plenum.firstFrameDelays();");
        return rows.stream().filter(r -> from.equals(r.get("participantId")) && source.equals(r.get("source")))
                .mapToDouble(r -> ((Number) r.get("ms")).doubleValue()).min().orElse(-1);
    }

    /** The newest dominant speaker this page was told about, or null. */
    String dominantSpeaker() {
        return (String) browser.execute("return window.plenum.state.dominant || null;");
    }

    void audioOnly(boolean enabled) {
        browser.await("await window.plenum.audioOnly(args[0]); return true;", enabled);
    }

    void view(List<Map<String, Object>> tiles) {
        browser.await("await window.plenum.view(args[0]); return true;", tiles);
    }

    void leave() {
        browser.await("await window.plenum.leave(); return true;");
    }

    @SuppressWarnings("unchecked")
    List<Inbound> inbound() {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) browser.await("return await window.plenum.stats();");
        return rows.stream().map(r -> new Inbound((String) r.get("kind"), (String) r.get("participantId"), (String) r.get("source"),
                num(r, "packetsReceived"), num(r, "bytesReceived"), num(r, "framesDecoded"), num(r, "frameWidth"),
                num(r, "frameHeight"), num(r, "keyFramesDecoded"), num(r, "totalSamplesReceived"))).toList();
    }

    /** The inbound stream of {@code from}'s {@code source}, or an empty one when none arrived (yet). */
    Inbound from(String from, String source) {
        return inbound().stream().filter(i -> from.equals(i.participantId()) && source.equals(i.source())).findFirst()
                .orElse(new Inbound(source.equals("microphone") ? "audio" : "video", from, source, 0, 0, 0, 0, 0, 0, 0));
    }

    /** Waits until {@code from}'s stream of {@code source} satisfies {@code condition}. */
    Inbound awaitFrom(String from, String source, Duration limit, String what, Predicate<Inbound> condition) {
        return Await.until(browser.name() + " " + what + " from " + from, limit, () -> {
            Inbound i = from(from, source);
            return condition.test(i) ? java.util.Optional.of(i) : java.util.Optional.empty();
        });
    }

    /** Bytes the publish connection has sent of the microphone. */
    @SuppressWarnings("unchecked")
    long audioBytesSent() {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) browser.await("return await window.plenum.publishStats();");
        return rows.stream().filter(r -> "audio".equals(r.get("kind"))).mapToLong(r -> num(r, "bytesSent")).sum();
    }

    private static long num(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    /** Errors the page received or made (error frames, failed negotiation). */
    Object errors() {
        return browser.execute("return JSON.stringify(window.plenum.state.errors);");
    }

    Object connectionStates() {
        return browser.execute("return window.plenum.connectionStates();");
    }
}
