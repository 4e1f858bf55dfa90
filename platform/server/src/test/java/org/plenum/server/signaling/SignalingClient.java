package org.plenum.server.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.plenum.server.TestServer;

/**
 * A signaling client for tests on a real JDK WebSocket. It records every frame; {@code await…} methods
 * wait (bounded) for the first not yet consumed frame that matches, and consume it.
 */
public final class SignalingClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new ArrayList<>();
    private final List<Boolean> consumed = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket socket;
    /** The participant id from {@code joined}, once joined. */
    public String participantId;
    public String resumeToken;

    private SignalingClient(URI uri, HttpClient http) {
        this.socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, new Listener()).join();
    }

    public static SignalingClient connect(TestServer t) {
        return connect(t.uri("/signaling"), t.http);
    }

    public static SignalingClient connect(URI httpUri, HttpClient http) {
        URI ws = URI.create(httpUri.toString().replaceFirst("^http", "ws"));
        return new SignalingClient(ws, http);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode frame = JSON.readTree(text);
                    synchronized (frames) {
                        frames.add(frame);
                        consumed.add(false);
                        frames.notifyAll();
                    }
                } catch (Exception e) {
                    closeCode.completeExceptionally(new AssertionError("server sent a frame that is not JSON: " + text));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            synchronized (frames) {
                frames.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.complete(-1);
            synchronized (frames) {
                frames.notifyAll();
            }
        }
    }

    // ---- sending

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(java.nio.ByteBuffer data) {
        socket.sendBinary(data, true).join();
    }

    /** Sends {@code ns/type} with a fresh id and returns the id. */
    public String send(String ns, String type, Map<String, ?> body) {
        String id = "r-" + ids.incrementAndGet();
        ObjectNode frame = JSON.createObjectNode().put("ns", ns).put("type", type).put("id", id);
        frame.set("body", JSON.valueToTree(body));
        sendRaw(frame.toString());
        return id;
    }

    /** Sends and waits for the direct answer: {@code ok}, or fails on an error. */
    public JsonNode request(String ns, String type, Map<String, ?> body) {
        JsonNode reply = awaitReply(send(ns, type, body));
        if (reply.path("type").asText().equals("error")) {
            throw new AssertionError(ns + "/" + type + " was refused: " + reply);
        }
        return reply;
    }

    /** Sends and waits for the error answer with {@code code}. */
    public JsonNode requestRefused(String ns, String type, Map<String, ?> body, String code) {
        JsonNode reply = awaitReply(send(ns, type, body));
        if (!reply.path("type").asText().equals("error") || !reply.path("body").path("code").asText().equals(code)) {
            throw new AssertionError("expected error " + code + " for " + ns + "/" + type + " but got " + reply);
        }
        return reply;
    }

    /** Joins with a ticket and waits for {@code joined}. */
    public JsonNode join(String ticket) {
        JsonNode joined = awaitReply(send("control", "join", Map.of("ticket", ticket)));
        return remember(joined);
    }

    public JsonNode remember(JsonNode joined) {
        if (!joined.path("type").asText().equals("joined")) {
            throw new AssertionError("expected control/joined but got " + joined);
        }
        participantId = joined.path("body").path("participantId").asText();
        resumeToken = joined.path("body").path("resumeToken").asText();
        return joined;
    }

    // ---- receiving

    public JsonNode awaitReply(String id) {
        return await(f -> id.equals(f.path("re").asText(null)), "an answer to " + id);
    }

    public JsonNode await(String ns, String type) {
        return await(ns, type, f -> true);
    }

    public JsonNode await(String ns, String type, Predicate<JsonNode> body) {
        return await(f -> ns.equals(f.path("ns").asText()) && type.equals(f.path("type").asText()) && body.test(f.path("body")),
                ns + "/" + type);
    }

    public JsonNode await(Predicate<JsonNode> match, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (frames) {
            while (true) {
                for (int i = 0; i < frames.size(); i++) {
                    if (!consumed.get(i) && match.test(frames.get(i))) {
                        consumed.set(i, true);
                        return frames.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + TIMEOUT + "; received: " + summary());
                }
                if (closeCode.isDone()) {
                    throw new AssertionError("socket closed (" + closeCode.getNow(null) + ") before " + what + "; received: " + summary());
                }
                try {
                    frames.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** The frames received so far, shortened so a failure message stays readable. */
    private String summary() {
        synchronized (frames) {
            int from = Math.max(0, frames.size() - 20);
            StringBuilder sb = new StringBuilder(frames.size() + " frames");
            if (from > 0) {
                sb.append(", the last 20");
            }
            for (JsonNode f : frames.subList(from, frames.size())) {
                String text = f.toString();
                sb.append("\n  ").append(text.length() > 300 ? text.substring(0, 300) + "…" : text);
            }
            return sb.toString();
        }
    }

    /** Waits until at least {@code n} frames (consumed or not) match. */
    public void awaitCount(Predicate<JsonNode> match, int n) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (frames) {
            while (true) {
                long count = frames.stream().filter(match).count();
                if (count >= n) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closeCode.isDone()) {
                    throw new AssertionError("only " + count + " of " + n + " expected frames within " + TIMEOUT
                            + (closeCode.isDone() ? "; socket closed (" + closeCode.getNow(null) + ")" : ""));
                }
                try {
                    frames.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Unconsumed frames of {@code ns/type} received so far (without waiting, without consuming). */
    public List<JsonNode> pending(String ns, String type) {
        synchronized (frames) {
            List<JsonNode> out = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                JsonNode f = frames.get(i);
                if (!consumed.get(i) && ns.equals(f.path("ns").asText()) && type.equals(f.path("type").asText())) {
                    out.add(f);
                }
            }
            return out;
        }
    }

    public List<JsonNode> all() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** The close code the server sent, waiting for it (bounded). */
    public int awaitClose() {
        try {
            return closeCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket was not closed within " + TIMEOUT + "; received: " + all(), e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Drops the socket without a leave (as a crashed browser would). */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
