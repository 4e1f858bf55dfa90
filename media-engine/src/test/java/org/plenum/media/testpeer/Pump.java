package org.plenum.media.testpeer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends media at the pace of a browser: every 20 ms each registered source produces its packets (an Opus frame,
 * a video frame). This paces the media; tests still wait for what they expect with {@link Await}.
 */
public final class Pump implements AutoCloseable {

    public static final long INTERVAL_MILLIS = 20;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("testpeer-pump").factory());
    private final List<Runnable> sources = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    public Pump() {
        timer.scheduleAtFixedRate(this::tick, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    public Pump add(Runnable source) {
        sources.add(source);
        return this;
    }

    public void remove(Runnable source) {
        sources.remove(source);
    }

    private void tick() {
        for (Runnable r : sources) {
            try {
                r.run();
            } catch (RuntimeException | AssertionError e) {
                if (failures.size() < 10) {
                    failures.add(e);
                }
            }
        }
    }

    /** What went wrong while sending (a test checks this is empty). */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
