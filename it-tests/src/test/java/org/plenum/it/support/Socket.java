package org.plenum.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A participant's signaling WebSocket for end-to-end tests: send frames, wait for frames. */
public final class Socket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final WebSocket ws;
    private final List<JsonNode> frames = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private JsonNode joined;

    private Socket(URI server) {
        URI uri = URI.create(server.toString().replaceFirst("^http", "ws")).resolve("/signaling");
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        JsonNode frame = JSON.readTree(partial.toString());
                        synchronized (frames) {
                            frames.add(frame);
                            frames.notifyAll();
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("server sent a frame that is not JSON: " + partial, e);
                    }
                    partial.setLength(0);
                }
                w.request(1);
                return null;
            }
        }).join();
    }

    /** Connects and joins with {@code ticket}; returns the socket after {@code control/joined}. */
    public static Socket join(URI server, String ticket) {
        Socket s = new Socket(server);
        s.joined = s.awaitReply(s.send("control", "join", Map.of("ticket", ticket)));
        return s;
    }

    /** The server's direct answer to the join: {@code control/joined} (with the snapshot), or what came instead. */
    public JsonNode joined() {
        return joined;
    }

    /** Sends one frame (from any thread) and returns its id, for {@link #awaitReply}. */
    public String send(String ns, String type, Map<String, ?> body) {
        String id = "e-" + ids.incrementAndGet();
        try {
            String frame = JSON.writeValueAsString(Map.of("ns", ns, "type", type, "id", id, "body", body));
            synchronized (ws) { // the JDK's WebSocket refuses a send while another is pending; callers may be several threads
                ws.sendText(frame, true).join();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return id;
    }

    public JsonNode awaitReply(String id) {
        return await(f -> id.equals(f.path("re").asText(null)), "the answer to " + id);
    }

    /**
     * The answer of a plugin module that answers after storing something: the host sends a provisional {@code ok} at
     * once and the module's own answer (or refusal) later with the same {@code re}; this waits for the latter.
     */
    public JsonNode awaitModuleAnswer(String id) {
        return await(f -> id.equals(f.path("re").asText(null)) && !"ok".equals(f.path("type").asText()), "the module's answer to " + id);
    }

    public JsonNode await(String ns, String type) {
        return await(f -> ns.equals(f.path("ns").asText()) && type.equals(f.path("type").asText()), ns + "/" + type);
    }

    public JsonNode await(Predicate<JsonNode> match, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (frames) {
            while (true) {
                for (JsonNode f : frames) {
                    if (match.test(f)) {
                        frames.remove(f);
                        return f;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + TIMEOUT + "; received " + frames.size() + " other frames");
                }
                try {
                    frames.wait(left / 1_000_000 + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Frames received and not yet taken by an await, for checking that something did not arrive. */
    public List<JsonNode> unconsumed() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    @Override
    public void close() {
        ws.abort();
    }
}
