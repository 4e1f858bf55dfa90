package org.plenum.pluginhost.load;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Proves that objects can be collected: runs the GC, in a bounded loop, until every weak reference has cleared. */
public final class Collectability {

    private Collectability() {
    }

    /** The references still set after {@code bound}, by their labels; empty when everything was collected. */
    public static List<String> stillReachableAfter(Duration bound, List<Labelled> references) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<String> reachable;
        do {
            System.gc();
            reachable = new ArrayList<>();
            for (Labelled r : references) {
                if (r.reference().get() != null) {
                    reachable.add(r.label());
                }
            }
            if (reachable.isEmpty()) {
                return reachable;
            }
            Thread.sleep(50); // lets the collector run between two System.gc() requests, bounded by the deadline
        } while (System.nanoTime() < deadline);
        return reachable;
    }

    /** A weak reference with a name for the failure message. */
    public record Labelled(String label, WeakReference<?> reference) {

        public static Labelled of(String label, Object referent) {
            return new Labelled(label, new WeakReference<>(referent));
        }
    }
}
