package org.plenum.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DominantSpeakerTest {

    private final DominantSpeaker speakers = new DominantSpeaker();
    private long now;

    /** One second of 20 ms packets from both participants. */
    private void second(int aliceDbov, int bobDbov) {
        for (int i = 0; i < 50; i++) {
            now += 20;
            speakers.onLevel("alice", aliceDbov, now);
            speakers.onLevel("bob", bobDbov, now);
        }
    }

    @Test
    void theOneWhoTalksBecomesDominant() {
        second(30, 127);
        assertThat(speakers.evaluate(now)).isEqualTo("alice");
        assertThat(speakers.evaluate(now)).as("no change, no event").isNull();
    }

    @Test
    void silenceMakesNobodyDominant() {
        second(127, 110);
        assertThat(speakers.evaluate(now)).isNull();
        assertThat(speakers.current()).isNull();
    }

    @Test
    void aShortInterjectionDoesNotTakeOverButSustainedSpeechDoes() {
        second(30, 127);
        speakers.evaluate(now);
        // bob says "yes" for 100 ms while alice goes on
        for (int i = 0; i < 5; i++) {
            now += 20;
            speakers.onLevel("bob", 30, now);
            speakers.onLevel("alice", 30, now);
        }
        assertThat(speakers.evaluate(now)).isNull();
        second(127, 30);
        second(127, 30);
        assertThat(speakers.evaluate(now)).isEqualTo("bob");
    }

    @Test
    void aLeaverStopsBeingDominant() {
        second(30, 127);
        speakers.evaluate(now);
        speakers.forget("alice");
        assertThat(speakers.current()).isNull();
    }
}
