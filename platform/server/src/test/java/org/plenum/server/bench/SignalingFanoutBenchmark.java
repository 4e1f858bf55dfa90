package org.plenum.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import org.plenum.server.TestServer;

/**
 * Signaling fan-out in one room on loopback: N participants join, then chat messages go to all of
 * them. Measures join times, the time for one message to reach everyone, and the messages per second
 * the server delivers to the whole room. Not a test and not part of the build; results go to
 * {@code docs/performance.md}.
 *
 * <pre>
 * ./mvnw -q -pl platform/server -am -Psignaling-bench test-compile [-Dbench.participants=500]
 * </pre>
 * (The profile binds {@code exec:java} to this module only; a plain {@code exec:java} on the command
 * line would also run in the parent POMs of the reactor.)
 *
 * Client and server share the machine, so the figures are a lower bound for the server alone. The
 * per-connection rate limit is raised for the run, because one sender at 20 frames/s would measure
 * the limit rather than the server.
 */
public final class SignalingFanoutBenchmark {

    static final int PARTICIPANTS = Integer.getInteger("bench.participants", 500);
    static final int JOIN_PARALLELISM = Integer.getInteger("bench.join.parallelism", 16);
    static final int LATENCY_MESSAGES = Integer.getInteger("bench.latency.messages", 50);
    static final int THROUGHPUT_SECONDS = Integer.getInteger("bench.throughput.seconds", 10);
    static final int THROUGHPUT_WINDOW = Integer.getInteger("bench.throughput.window", 8);
    static final int MAX_MESSAGES = 100_000;
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    /** Per message: when it was sent, how many received it, the latest arrival. */
    static final AtomicLongArray sentAt = new AtomicLongArray(MAX_MESSAGES);
    static final AtomicIntegerArray receivedBy = new AtomicIntegerArray(MAX_MESSAGES);
    static final AtomicLongArray lastArrival = new AtomicLongArray(MAX_MESSAGES);
    static final Semaphore window = new Semaphore(0);
    static final Object progress = new Object();

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = Map.of(
                "signaling.rate.per.second", "100000", "signaling.rate.burst", "100000",
                "signaling.ticket.ttl", "10m");
        try (TestServer t = TestServer.start(settings)) {
            run(t);
        }
    }

    static void run(TestServer t) throws Exception {
        String admin = t.adminToken();
        String tenant = t.post("/api/v1/tenants", admin, Map.of("slug", "bench-" + ProcessHandle.current().pid(), "name", "Benchmark"))
                .text("id");
        t.post("/api/v1/tenants/" + tenant + "/users", admin,
                Map.of("username", "bench-chair", "password", "bench-password-1234", "displayName", "Chair", "role", "member"));
        String token = t.login("bench-chair", "bench-password-1234");
        String room = t.post("/api/v1/rooms", token, Map.of("title", "Benchmark", "waitingRoom", "off")).text("id");
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < PARTICIPANTS; i++) {
            tickets.add(t.post("/api/v1/rooms/" + room + "/tickets", token, Map.of()).text("ticket"));
        }

        // several HTTP clients, so that one selector thread does not carry all sockets
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            https.add(HttpClient.newHttpClient());
        }
        URI ws = URI.create(t.uri("/signaling").toString().replaceFirst("^http", "ws"));

        // ---- join
        Participant[] people = new Participant[PARTICIPANTS];
        long[] joinNanos = new long[PARTICIPANTS];
        ExecutorService joiners = Executors.newFixedThreadPool(JOIN_PARALLELISM);
        long joinStart = System.nanoTime();
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < PARTICIPANTS; i++) {
            int n = i;
            joins.add(CompletableFuture.runAsync(() -> {
                Participant p = new Participant();
                WebSocket socket = https.get(n % https.size()).newWebSocketBuilder().buildAsync(ws, p).join();
                p.socket = socket;
                long start = System.nanoTime();
                socket.sendText("{\"ns\":\"control\",\"type\":\"join\",\"id\":\"j\",\"body\":{\"ticket\":\"" + tickets.get(n) + "\"}}", true).join();
                p.joined.orTimeout(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
                joinNanos[n] = System.nanoTime() - start;
                people[n] = p;
            }, joiners));
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        long joinTotal = System.nanoTime() - joinStart;
        joiners.shutdown();
        // everyone has seen everyone: the last joiner's announcement reached all others
        awaitCondition(() -> Arrays.stream(people).allMatch(p -> p.seenOthers.get() + p.snapshotSize >= PARTICIPANTS),
                "everyone sees all " + PARTICIPANTS + " participants");
        long joinAllSeen = System.nanoTime() - joinStart;

        // ---- latency: one message at a time, time until the last of N received it
        WebSocket sender = people[0].socket;
        long[] reachAll = new long[LATENCY_MESSAGES];
        for (int k = 0; k < LATENCY_MESSAGES; k++) {
            send(sender, k);
            int seq = k;
            awaitCondition(() -> receivedBy.get(seq) >= PARTICIPANTS, "message " + k + " reaches everyone");
            reachAll[k] = lastArrival.get(k) - sentAt.get(k);
        }

        // ---- throughput: a window of messages in flight for a fixed time
        int first = LATENCY_MESSAGES;
        int next = first;
        window.release(THROUGHPUT_WINDOW);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(THROUGHPUT_SECONDS);
        long tpStart = System.nanoTime();
        while (System.nanoTime() < end && next < MAX_MESSAGES) {
            if (!window.tryAcquire(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no message completed within " + STEP_TIMEOUT);
            }
            send(sender, next++);
        }
        int last = next;
        awaitCondition(() -> {
            for (int k = first; k < last; k++) {
                if (receivedBy.get(k) < PARTICIPANTS) {
                    return false;
                }
            }
            return true;
        }, "the throughput messages reach everyone");
        long tpLast = 0;
        for (int k = first; k < last; k++) {
            tpLast = Math.max(tpLast, lastArrival.get(k));
        }
        double tpSeconds = (tpLast - tpStart) / 1e9;
        int tpMessages = last - first;
        long closed = Arrays.stream(people).filter(p -> p.closed.isDone()).count();

        // ---- report
        long[] joinSorted = joinNanos.clone();
        Arrays.sort(joinSorted);
        long[] reachSorted = reachAll.clone();
        Arrays.sort(reachSorted);
        System.out.printf("%nSignaling fan-out, %d participants in one room (loopback)%n", PARTICIPANTS);
        System.out.printf("join: all %d joined in %.2f s (%d in parallel); everyone saw everyone after %.2f s%n",
                PARTICIPANTS, joinTotal / 1e9, JOIN_PARALLELISM, joinAllSeen / 1e9);
        System.out.printf("join per participant (join frame -> joined): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms(pct(joinSorted, 50)), ms(pct(joinSorted, 99)), ms(joinSorted[joinSorted.length - 1]));
        System.out.printf("one chat message to all %d (%d messages, one at a time): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                PARTICIPANTS, LATENCY_MESSAGES, ms(pct(reachSorted, 50)), ms(pct(reachSorted, 99)), ms(reachSorted[reachSorted.length - 1]));
        System.out.printf("throughput (%d in flight, %d s): %d messages to all %d in %.2f s = %.0f messages/s, %.0f deliveries/s%n",
                THROUGHPUT_WINDOW, THROUGHPUT_SECONDS, tpMessages, PARTICIPANTS, tpSeconds, tpMessages / tpSeconds,
                tpMessages * (double) PARTICIPANTS / tpSeconds);
        System.out.printf("sockets closed by the server during the run: %d%n", closed);
        for (Participant p : people) {
            p.socket.abort();
        }
    }

    static void send(WebSocket sender, int seq) {
        sentAt.set(seq, System.nanoTime());
        sender.sendText("{\"ns\":\"chat\",\"type\":\"send\",\"body\":{\"text\":\"bench " + seq + " \"}}", true).join();
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static long pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        synchronized (progress) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("timed out waiting until " + what);
                }
                progress.wait(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    /** A participant that only looks for what the benchmark measures, without parsing every frame. */
    static final class Participant implements WebSocket.Listener {
        WebSocket socket;
        final CompletableFuture<Void> joined = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final AtomicInteger seenOthers = new AtomicInteger();
        volatile int snapshotSize;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                long now = System.nanoTime();
                if (text.startsWith("{\"ns\":\"chat\",\"type\":\"message\"")) {
                    int at = text.indexOf("\"text\":\"bench ");
                    int seq = Integer.parseInt(text.substring(at + 14, text.indexOf(' ', at + 14)));
                    lastArrival.accumulateAndGet(seq, now, Math::max);
                    if (receivedBy.incrementAndGet(seq) == PARTICIPANTS) {
                        window.release();
                        synchronized (progress) {
                            progress.notifyAll();
                        }
                    }
                } else if (text.startsWith("{\"ns\":\"control\",\"type\":\"participant_joined\"")) {
                    seenOthers.incrementAndGet();
                } else if (text.startsWith("{\"ns\":\"control\",\"type\":\"joined\"")) {
                    snapshotSize = count(text, "\"connected\":");
                    joined.complete(null);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            joined.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        private static int count(String s, String what) {
            int n = 0;
            for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
                n++;
            }
            return n;
        }
    }
}
