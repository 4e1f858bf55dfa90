package org.plenum.core.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A connection that keeps what the core sends, for tests below the WebSocket layer. */
final class CapturingConnection implements Connection {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> frames = new ArrayList<>();
    private int closeCode;
    private final String id;

    CapturingConnection(String id) {
        this.id = id;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        try {
            JsonNode frame = JSON.readTree(text);
            synchronized (frames) {
                frames.add(frame);
                frames.notifyAll();
            }
            done.accept(null);
        } catch (Exception e) {
            done.accept(e);
        }
    }

    @Override
    public void ping() {
    }

    @Override
    public void close(int code, String reason) {
        synchronized (frames) {
            closeCode = code;
            frames.notifyAll();
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** The close code, waiting up to five seconds for the close. */
    int awaitClose() {
        long deadline = System.currentTimeMillis() + 5_000;
        synchronized (frames) {
            while (closeCode == 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("not closed within 5s");
                }
                try {
                    frames.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return closeCode;
        }
    }

    List<JsonNode> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** The first frame matching, waiting up to five seconds for it. */
    JsonNode await(Predicate<JsonNode> match) {
        long deadline = System.currentTimeMillis() + 5_000;
        synchronized (frames) {
            while (true) {
                for (JsonNode f : frames) {
                    if (match.test(f)) {
                        return f;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no matching frame within 5s; got " + frames);
                }
                try {
                    frames.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    JsonNode await(String ns, String type) {
        return await(f -> f.path("ns").asText().equals(ns) && f.path("type").asText().equals(type));
    }

    JsonNode awaitReply(String re) {
        return await(f -> f.path("re").asText().equals(re));
    }
}
