package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void firstIndexIsFreshAndThenReplayed() {
        ReplayWindow w = new ReplayWindow(64);
        assertThat(w.check(5)).isEqualTo(ReplayWindow.FRESH);
        w.accept(5);
        assertThat(w.check(5)).isEqualTo(ReplayWindow.REPLAYED);
        assertThat(w.check(4)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(6)).isEqualTo(ReplayWindow.FRESH);
    }

    @Test
    void indicesAWholeWindowBehindAreTooOld() {
        ReplayWindow w = new ReplayWindow(64);
        w.accept(100);
        assertThat(w.check(37)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(36)).isEqualTo(ReplayWindow.TOO_OLD);
        assertThat(w.check(-1)).isEqualTo(ReplayWindow.TOO_OLD);
    }

    @Test
    void seenBitsSurviveShiftsAcrossWordBoundaries() {
        ReplayWindow w = new ReplayWindow(256);
        w.accept(1000);
        w.accept(1003);
        w.accept(1070); // shift by 67: crosses a word
        w.accept(1200); // shift by 130
        assertThat(w.check(1000)).isEqualTo(ReplayWindow.REPLAYED);
        assertThat(w.check(1003)).isEqualTo(ReplayWindow.REPLAYED);
        assertThat(w.check(1070)).isEqualTo(ReplayWindow.REPLAYED);
        assertThat(w.check(1001)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(944)).isEqualTo(ReplayWindow.TOO_OLD);
    }

    @Test
    void jumpBeyondTheWindowForgetsEverything() {
        ReplayWindow w = new ReplayWindow(128);
        w.accept(1);
        w.accept(1_000_000);
        assertThat(w.check(999_999)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(1)).isEqualTo(ReplayWindow.TOO_OLD);
    }

    @Test
    void agreesWithASetBasedModelOnRandomTraffic() {
        Random random = new Random(42);
        for (int size : new int[] {64, 128, 1024}) {
            ReplayWindow w = new ReplayWindow(size);
            Set<Long> seen = new HashSet<>();
            long highest = -1;
            long base = 10_000;
            for (int i = 0; i < 20_000; i++) {
                base += random.nextInt(3);
                long index = base + random.nextInt(2 * size + 40) - size - 20;
                int expected;
                if (index < 0 || (highest >= 0 && highest - index >= size)) {
                    expected = ReplayWindow.TOO_OLD;
                } else if (seen.contains(index)) {
                    expected = ReplayWindow.REPLAYED;
                } else {
                    expected = ReplayWindow.FRESH;
                }
                assertThat(w.check(index)).as("size %d index %d highest %d", size, index, highest).isEqualTo(expected);
                if (expected == ReplayWindow.FRESH && random.nextInt(4) != 0) {
                    w.accept(index);
                    seen.add(index);
                    highest = Math.max(highest, index);
                }
            }
        }
    }
}
