package org.plenum.it.support.webrtc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.plenum.it.support.Await;

/**
 * A WebRTC peer that is not a browser: werift (a WebRTC stack in TypeScript) in a Node process
 * ({@code src/test/node/werift-peer/peer.mjs}), driven over its stdin and stdout with one JSON object a line.
 * It speaks ICE, DTLS, SRTP and RTP on 127.0.0.1 only (one bundled transport per connection), sends Opus silence
 * and a VP8 key frame stream, and counts what it receives per SSRC with sequence-number continuity and, for VP8,
 * the key frames with their place in the stream. Each call waits with a bound.
 *
 * <pre>{@code
 * try (WeriftPeer werift = WeriftPeer.start("werift")) {
 *     werift.publish("pub", true, true);
 *     String offer = werift.createOffer("pub");
 *     ... the other side answers ...
 *     werift.setRemoteDescription("pub", "answer", answer);
 *     werift.awaitConnectionState("pub", "connected", Duration.ofSeconds(20));
 * }
 * }</pre>
 * The command protocol is in {@code src/test/node/werift-peer/README.md}.
 */
public final class WeriftPeer implements AutoCloseable {

    /** How long one command may take; ICE gathering on loopback takes milliseconds, a loaded machine more. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final Path log;
    private final OutputStream stdin;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>(); // guarded by itself
    private final AtomicLong ids = new AtomicLong();
    private final Thread onExit;
    private final JsonNode ready;

    /** Sent RTP of one local track. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sent(String kind, long ssrc, long packets, long bytes) {
    }

    /**
     * Received RTP of one SSRC, on the transceiver {@code mid}. {@code decrypted}: packets that passed SRTP
     * authentication (all that reach the counters). {@code expected}: highest minus first extended sequence
     * number plus one; {@code missing = 0} means no gap. {@code maxReorder}: how many sequence numbers behind the
     * highest the latest out-of-order packet came; {@code timestampsBackwards}: packets newer by sequence number
     * but older by timestamp. Video only: {@code keyframes} (VP8 key frames started) and the last few of them in
     * {@code keyframeLog}. {@code firstAtMs}/{@code lastAtMs}: the peer's monotonic clock at the first and last packet.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Received(String kind, long ssrc, String mid, int payloadType, long packets, long decrypted, long bytes, long markers,
                           Integer firstSeq, Integer lastSeq, long expected, long missing, long duplicates, long outOfOrder,
                           long maxReorder, long timestampsBackwards, long keyframes, List<Keyframe> keyframeLog,
                           Long firstAtMs, Long lastAtMs) {

        public Received {
            keyframeLog = keyframeLog == null ? List.of() : List.copyOf(keyframeLog);
        }
    }

    /**
     * A VP8 key frame as received: its first packet's sequence number and timestamp, the peer's clock then, the
     * frame size from the key frame header, and the sequence number and timestamp of the newest packet before it
     * (null for the first packet of the stream).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Keyframe(int seq, long timestamp, long atMs, int width, int height, Integer previousSeq, Long previousTimestamp) {
    }

    /** A peer connection's state and RTP counters, at {@code atMs} on the peer's monotonic clock. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stats(String pc, String role, double atMs, String connectionState, String iceConnectionState, List<Sent> sent, List<Received> received) {

        public Optional<Received> received(String kind) {
            return received.stream().filter(r -> r.kind().equals(kind)).findFirst();
        }

        /** What arrived on the transceiver {@code mid} (the newest SSRC there, should it have changed). */
        public Optional<Received> onMid(String mid) {
            return received.stream().filter(r -> mid.equals(r.mid())).reduce((first, second) -> second);
        }

        public long packetsReceived(String kind) {
            return received.stream().filter(r -> r.kind().equals(kind)).mapToLong(Received::packets).sum();
        }
    }

    private WeriftPeer(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = process.getOutputStream();
        this.onExit = new Thread(this::kill, "stop-werift-" + name);
        Runtime.getRuntime().addShutdownHook(onExit);
        Thread reader = new Thread(this::readStdout, "werift-" + name);
        reader.setDaemon(true);
        reader.start();
        this.ready = awaitEvent("ready", READY_TIMEOUT, e -> true);
    }

    /**
     * Starts {@code node peer.mjs} from the directory in the system property {@code plenum.it.werift}
     * (set by the build, which ran {@code npm ci} there); its stderr goes to {@code target/werift/<name>.log}.
     */
    public static WeriftPeer start(String name) {
        Path dir = Path.of(System.getProperty("plenum.it.werift", "src/test/node/werift-peer")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules/werift"))) {
            throw new IllegalStateException("werift is not installed in " + dir + "; run npm ci there (the Maven build does it before the end-to-end tests)");
        }
        Path log = Path.of(System.getProperty("plenum.it.target", "target")).toAbsolutePath().resolve("werift").resolve(name + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder("node", "peer.mjs")
                    .directory(dir.toFile())
                    .redirectError(log.toFile())
                    .start();
            try {
                return new WeriftPeer(name, process, log);
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node for the werift peer " + name + " (is Node.js installed?)", e);
        }
    }

    /** The Node.js and werift versions the peer reported at start. */
    public String versions() {
        return "node " + ready.path("node").asText() + ", werift " + ready.path("werift").asText();
    }

    /** A connection that sends Opus silence (audio) and 160x120 VP8 key frames (video) once connected. */
    public void publish(String pc, boolean audio, boolean video) {
        request("publish", Map.of("pc", pc, "audio", audio, "video", video));
    }

    /** A connection that receives: with audio/video it offers recvonly transceivers itself; with neither it takes what an offer brings. */
    public void subscribe(String pc, boolean audio, boolean video) {
        request("subscribe", Map.of("pc", pc, "audio", audio, "video", video));
    }

    /** The offer's SDP, with every (127.0.0.1) candidate in it. */
    public String createOffer(String pc) {
        return request("createOffer", Map.of("pc", pc)).path("sdp").asText();
    }

    /** The answer's SDP to the remote offer set before, with every candidate in it. */
    public String createAnswer(String pc) {
        return request("createAnswer", Map.of("pc", pc)).path("sdp").asText();
    }

    /** Sets the remote offer or answer; returns how many candidates not on 127.0.0.1/UDP were dropped from it. */
    public int setRemoteDescription(String pc, String type, String sdp) {
        return request("setRemoteDescription", Map.of("pc", pc, "type", type, "sdp", sdp)).path("droppedCandidates").asInt();
    }

    public Stats stats(String pc) {
        try {
            return JSON.treeToValue(request("stats", Map.of("pc", pc)), Stats.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("werift " + name + ": unreadable stats: " + e.getMessage(), e);
        }
    }

    public void closePeerConnection(String pc) {
        request("close", Map.of("pc", pc));
    }

    /** Waits until the connection {@code pc} reports {@code state} ("connected", "failed", …). */
    public void awaitConnectionState(String pc, String state, Duration timeout) {
        awaitEvent("connectionState", timeout, e -> pc.equals(e.path("pc").asText()) && state.equals(e.path("state").asText()));
    }

    /**
     * Sends one command and waits for its reply.
     *
     * @throws IllegalStateException with the peer's error message when it answers {@code ok: false}, or when
     *         no reply comes within {@link #COMMAND_TIMEOUT}
     */
    public JsonNode request(String command, Map<String, ?> fields) {
        long id = ids.incrementAndGet();
        ObjectNode line = JSON.valueToTree(fields);
        line.put("id", id).put("cmd", command);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            synchronized (stdin) {
                stdin.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            JsonNode answer = reply.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!answer.path("ok").asBoolean()) {
                throw new IllegalStateException("werift " + name + ": " + command + " failed: " + answer.path("error").asText());
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("werift " + name + " does not take commands any more" + exitNote(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("werift " + name + ": no reply to " + command + " within " + COMMAND_TIMEOUT.toSeconds() + " s" + exitNote(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("werift " + name + ": " + command + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for werift " + name, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Waits for an event named {@code event} (seen since the start, so none is missed) that {@code matches}. */
    public JsonNode awaitEvent(String event, Duration timeout, Predicate<JsonNode> matches) {
        return Await.until("werift " + name + " event " + event, timeout, () -> {
            synchronized (events) {
                Optional<JsonNode> found = events.stream().filter(e -> event.equals(e.path("event").asText()) && matches.test(e)).findFirst();
                if (found.isEmpty() && !process.isAlive()) {
                    throw new IllegalStateException("werift " + name + " ended while waiting for " + event + exitNote());
                }
                return found;
            }
        });
    }

    /** Every event so far, oldest first. */
    public List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public Path log() {
        return log;
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                JsonNode message;
                try {
                    message = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    System.err.println("werift " + name + ": not JSON on stdout: " + line);
                    continue;
                }
                if (message.has("id") && !message.has("event")) {
                    CompletableFuture<JsonNode> reply = pending.get(message.path("id").asLong());
                    if (reply != null) {
                        reply.complete(message);
                    }
                } else {
                    synchronized (events) {
                        events.add(message);
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; waiting callers see that through exitNote
        } finally {
            pending.values().forEach(p -> p.completeExceptionally(new IllegalStateException("werift " + name + " ended" + exitNote())));
        }
    }

    private String exitNote() {
        if (process.isAlive()) {
            return " (log: " + log + ")";
        }
        String tail;
        try {
            List<String> lines = Files.readAllLines(log);
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            tail = "(no log)";
        }
        return "; it exited with status " + process.exitValue() + ", log " + log + " ends with:\n" + tail;
    }

    /** Asks the peer to close its connections and exit; kills it when it does not within a few seconds. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                CompletableFuture.runAsync(() -> request("exit", Map.of())).get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // killed below
            }
        }
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting and runs the hook itself
        }
    }

    private void kill() {
        Instant deadline = Instant.now().plus(EXIT_TIMEOUT);
        process.destroy();
        try {
            if (!process.waitFor(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
