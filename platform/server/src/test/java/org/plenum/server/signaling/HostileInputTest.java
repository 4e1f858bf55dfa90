package org.plenum.server.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.server.TestServer;

/**
 * Thousands of bad frames from a seeded generator against a live room. Every one must be answered with
 * an error frame, the connection must stay, and nobody else may notice. The rate limit is raised here so
 * that the flood itself is not what gets refused (the rate limit has its own test).
 */
class HostileInputTest {

    static final long SEED = 20261129L;
    static final int FRAMES = 3000;
    static final int BATCH = 100;

    static TestServer t;
    static MeetingFixture f;

    @BeforeAll
    static void start() {
        t = TestServer.start(Map.of("signaling.rate.per.second", "100000", "signaling.rate.burst", "100000"));
        f = new MeetingFixture(t);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void thousandsOfBadFramesEachGetAnErrorAndChangeNothing() {
        String bertUser = f.user("bert", "Bert Buche");
        String fuzzUser = f.user("fuzz", "Fritz Fuzz");
        String newcomer = f.user("nina", "Nina Neu");
        String room = f.room("off");
        try (SignalingClient chair = f.join(f.chair, room);
             SignalingClient bert = f.join(bertUser, room);
             SignalingClient fuzz = f.join(fuzzUser, room)) {
            chair.await("control", "participant_joined", p -> p.path("participant").path("id").asText().equals(fuzz.participantId));
            bert.await("control", "participant_joined", p -> p.path("participant").path("id").asText().equals(fuzz.participantId));
            int framesBefore = chair.all().size();

            HostileFrames gen = new HostileFrames(new Random(SEED), chair.participantId);
            long deadline = System.nanoTime() + 120_000_000_000L;
            int sent = 0;
            while (sent < FRAMES) {
                assertThat(System.nanoTime()).as("fuzzing took too long").isLessThan(deadline);
                // in batches, so that the answers never pile up beyond the outbound queue
                for (int i = 0; i < BATCH; i++, sent++) {
                    HostileFrames.Frame frame = gen.next();
                    if (frame.binary()) {
                        fuzz.sendBinary(ByteBuffer.wrap(frame.text().getBytes()));
                    } else {
                        fuzz.sendRaw(frame.text());
                    }
                }
                int expected = sent;
                fuzz.awaitCount(x -> x.path("type").asText().equals("error"), expected);
                assertThat(errorCount(fuzz)).as("exactly one error per bad frame").isEqualTo(sent);
            }
            assertThat(fuzz.isClosed()).as("bad frames do not end the connection").isFalse();
            assertThat(fuzz.all().stream().filter(x -> x.path("type").asText().equals("error"))
                    .map(x -> x.path("body").path("code").asText()).distinct())
                    .contains("invalid_message", "unknown_type", "too_large", "already_joined");

            // the room is as it was: the fuzzer can still talk, nobody else received anything
            fuzz.request("chat", "send", Map.of("text", "noch da"));
            chair.await("chat", "message", m -> m.path("text").asText().equals("noch da"));
            bert.await("chat", "message", m -> m.path("text").asText().equals("noch da"));
            assertThat(chair.all().size()).as("the chair got nothing but the one chat line").isEqualTo(framesBefore + 1);
            assertThat(bert.isClosed()).isFalse();

            try (SignalingClient late = f.join(newcomer, room)) {
                JsonNode snapshot = late.all().getFirst().path("body");
                assertThat(snapshot.path("participants").findValuesAsText("displayName"))
                        .containsExactly("Vorsitz", "Bert Buche", "Fritz Fuzz", "Nina Neu");
                assertThat(snapshot.path("participants").findValuesAsText("role"))
                        .containsExactly("moderator", "participant", "participant", "participant");
                assertThat(snapshot.path("participants").findValues("muted")).allMatch(m -> !m.asBoolean());
                assertThat(snapshot.path("raisedHands").size()).isZero();
                assertThat(snapshot.path("chat").findValuesAsText("text")).containsExactly("noch da");
                assertThat(snapshot.path("room").path("locked").asBoolean()).isFalse();
            }
            assertThat(t.get("/healthz", null).status()).isEqualTo(200);
        }
    }

    private static long errorCount(SignalingClient c) {
        return c.all().stream().filter(x -> x.path("type").asText().equals("error")).count();
    }

    /** Frames that are wrong by construction, so that each one must be refused. */
    static final class HostileFrames {

        record Frame(String text, boolean binary) {
        }

        private final Random random;
        private final String someone;
        private final List<Function<Random, String>> kinds = new ArrayList<>();
        private int count;

        HostileFrames(Random random, String someoneInTheRoom) {
            this.random = random;
            this.someone = someoneInTheRoom;
            kinds.add(HostileFrames::garbage);
            kinds.add(r -> truncated(r));
            kinds.add(r -> envelope("control", "join", "{\"ticket\":\"t-" + r.nextInt() + "\"}"));
            kinds.add(r -> envelope(pick(r, "nope", "media", "x.y", "CONTROL", "plugin-" + r.nextInt(100)), "send", "{}"));
            kinds.add(r -> envelope(pick(r, "control", "chat", "hand", "moderation"), pick(r, "joined", "message", "error", "ok", "waiting_list", "raise_all"), "{}"));
            kinds.add(this::wrongTypes);
            kinds.add(this::extraFields);
            kinds.add(r -> envelope(pick(r, "moderation"), pick(r, "kick", "ban", "mute", "promote", "admit"), "{}"));
            kinds.add(r -> "{\"ns\":" + pick(r, "1", "null", "[]", "{}", "true") + ",\"type\":\"send\",\"body\":{}}");
            kinds.add(r -> "{\"ns\":\"chat\",\"type\":\"send\",\"body\":" + pick(r, "[]", "\"text\"", "1", "null", "true") + "}");
            kinds.add(r -> "{\"ns\":\"hand\",\"type\":\"raise\",\"id\":" + pick(r, "1", "{}", "[]", "\"" + "i".repeat(65) + "\"") + "}");
            kinds.add(r -> "{\"ns\":\"hand\",\"ns\":\"chat\",\"type\":\"raise\"}");
            kinds.add(r -> "[".repeat(20 + r.nextInt(200)) + "]".repeat(20));
            kinds.add(r -> "{\"ns\":\"chat\",\"type\":\"send\",\"body\":{\"text\":\"x\",\"n\":" + "9".repeat(100) + "}}");
            kinds.add(r -> pick(r, "", " ", "null", "42", "\"string\"", "[]", "{}", "{\"body\":{}}", "{\"ns\":\"hand\"}"));
            kinds.add(r -> envelope("chat", "send", "{\"text\":\"" + pick(r, "", "   ", "\\t\\n") + "\"}"));
        }

        Frame next() {
            count++;
            if (count % 97 == 0) {
                // over the 64 KiB frame limit, under the transport limit
                return new Frame(envelope("chat", "send", "{\"text\":\"" + "ü".repeat(33_000 + random.nextInt(100_000)) + "\"}"), false);
            }
            if (count % 89 == 0) {
                return new Frame("{\"ns\":\"hand\",\"type\":\"raise\"}", true);
            }
            return new Frame(kinds.get(random.nextInt(kinds.size())).apply(random), false);
        }

        private static String garbage(Random r) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(300);
            for (int i = 0; i < n; i++) {
                sb.append((char) (r.nextBoolean() ? 32 + r.nextInt(95) : r.nextInt(0xD7FF)));
            }
            // never an accidental JSON object
            return "\u0001" + sb;
        }

        private String truncated(Random r) {
            String full = envelope("chat", "send", "{\"text\":\"Guten Morgen\",\"to\":\"" + someone + "\"}");
            return full.substring(0, 1 + r.nextInt(full.length() - 2));
        }

        private String wrongTypes(Random r) {
            String wrong = pick(r, "1", "1.5", "true", "null", "[]", "{}", "[\"a\"]");
            return switch (r.nextInt(5)) {
                case 0 -> envelope("chat", "send", "{\"text\":" + wrong + "}");
                case 1 -> envelope("chat", "send", "{\"text\":\"hi\",\"to\":" + wrong + "}");
                case 2 -> envelope("moderation", "kick", "{\"participantId\":" + wrong + "}");
                case 3 -> envelope("hand", "lower", "{\"participantId\":" + wrong + "}");
                default -> envelope("control", "update", "{\"displayName\":" + wrong + "}");
            };
        }

        private String extraFields(Random r) {
            return switch (r.nextInt(3)) {
                case 0 -> "{\"ns\":\"hand\",\"type\":\"raise\",\"body\":{},\"extra\":" + r.nextInt() + "}";
                case 1 -> envelope("hand", "raise", "{\"please\":true}");
                default -> envelope("chat", "send", "{\"text\":\"hi\",\"bold\":true}");
            };
        }

        private static String envelope(String ns, String type, String body) {
            return "{\"ns\":\"" + ns + "\",\"type\":\"" + type + "\",\"body\":" + body + "}";
        }

        private static String pick(Random r, String... options) {
            return options[r.nextInt(options.length)];
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAndTheRoomGoesOn() throws Exception {
        String slowUser = f.user("slow", "Sven Slow");
        String senderUser = f.user("sender", "Sina Sender");
        String room = f.room("off");
        // a raw socket that reads the joined frame and then nothing more
        java.util.concurrent.CompletableFuture<String> joined = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket slow = t.http.newWebSocketBuilder().buildAsync(
                java.net.URI.create(t.uri("/signaling").toString().replaceFirst("^http", "ws")),
                new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                        joined.complete(data.toString()); // and no ws.request(1): this client stops reading
                        return null;
                    }
                }).join();
        slow.sendText("{\"ns\":\"control\",\"type\":\"join\",\"body\":{\"ticket\":\"" + f.ticket(slowUser, room) + "\"}}", true).join();
        assertThat(joined.get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("\"joined\"");
        try (SignalingClient sender = f.join(senderUser, room)) {
            String text = "x".repeat(4000);
            int messages = 3000;
            for (int i = 0; i < messages; i++) {
                sender.send("chat", "send", Map.of("text", text));
                if (i % 100 == 99) {
                    // the sender keeps up with its own echoes, so only the reader that stopped falls behind
                    int sent = i + 1;
                    sender.awaitCount(fr -> fr.path("type").asText().equals("message"), sent);
                }
            }
            // the server gives up on the slow socket; the others see it disconnect
            JsonNode gone = sender.await("control", "participant_updated",
                    u -> u.path("changed").get(0).asText().equals("connection") && !u.path("participant").path("connected").asBoolean());
            assertThat(gone.path("body").path("participant").path("displayName").asText()).isEqualTo("Sven Slow");
            sender.awaitCount(fr -> fr.path("type").asText().equals("message"), messages);
            assertThat(sender.isClosed()).isFalse();
            assertThat(t.get("/metrics", null).raw().body()).containsPattern("plenum_signaling_closes_total\\{[^}]*reason=\"slow_consumer\"[^}]*} [1-9]");
        } finally {
            slow.abort();
        }
    }

    @Test
    void framesBeyondTheTransportLimitCloseTheSocketButNotTheRoom() {
        String user = f.user("big", "Berta Groß");
        String room = f.room("off");
        try (SignalingClient chair = f.join(f.chair, room); SignalingClient big = f.join(user, room)) {
            try {
                big.sendRaw("{\"ns\":\"chat\",\"type\":\"send\",\"body\":{\"text\":\"" + "x".repeat(1_100_000) + "\"}}");
            } catch (java.util.concurrent.CompletionException cutOff) {
                // the server may drop the connection before the client has finished writing
            }
            // 1009 from the server, or -1 when the client's write ran into the closed connection first
            assertThat(big.awaitClose()).isIn(1009, -1);
            chair.request("chat", "send", Map.of("text", "weiter"));
            chair.await("chat", "message", m -> m.path("text").asText().equals("weiter"));
        }
    }
}
