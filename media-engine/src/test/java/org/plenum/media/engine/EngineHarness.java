package org.plenum.media.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.plenum.media.testpeer.Pump;

/**
 * A real engine on 127.0.0.1 with ports chosen by the OS, one room, and the participants a test adds; closes
 * everything in order. Lives in the engine's package so a test can wait for the event loop ({@link #barrier()})
 * and drive the room's periodic work with a clock of its own ({@link #tick(long)}).
 */
final class EngineHarness implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    final MediaEngine engine;
    final MediaRoom room;
    final Pump pump = new Pump();
    private final List<TestParticipant> participants = new ArrayList<>();

    private EngineHarness(MediaEngineConfig config) {
        this.engine = MediaEngine.start(config, new SimpleMeterRegistry());
        this.room = engine.room("room-1");
    }

    static EngineHarness start() {
        return start(MediaEngineConfig.defaults());
    }

    /** {@code config} with ports 0 (any free port). */
    static EngineHarness start(MediaEngineConfig config) {
        return new EngineHarness(config.withPorts(0, 0));
    }

    TestParticipant join(String id) {
        TestParticipant p = new TestParticipant(this, id);
        participants.add(p);
        return p;
    }

    EngineMetrics metrics() {
        return engine.metrics();
    }

    /** Returns once everything handed to the event loop before this call has run there. */
    void barrier() {
        try {
            engine.onLoop(() -> null).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the engine's event loop did not respond: " + e, e);
        }
    }

    /**
     * Runs the room's periodic work (reports, layer choice, speakers, consent) as if the clock read
     * {@code nowNanos}, on the event loop, and waits for it.
     */
    void tick(long nowNanos) {
        try {
            engine.onLoop(() -> {
                room.forwarding().tick(nowNanos);
                return null;
            }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("tick failed: " + e, e);
        }
    }

    double dropped(EngineMetrics.Drop reason) {
        return engine.metrics().dropped(reason);
    }

    @Override
    public void close() {
        pump.close();
        for (TestParticipant p : participants) {
            p.closePeers();
        }
        engine.close();
    }
}
