package org.plenum.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayerChoiceTest {

    @Test
    void smallTilesGetTheLowLayerAndLargeTilesTheTopOne() {
        assertThat(LayerChoice.forTile(120, 3)).isEqualTo(0);
        assertThat(LayerChoice.forTile(300, 3)).isEqualTo(1);
        assertThat(LayerChoice.forTile(720, 3)).isEqualTo(2);
        assertThat(LayerChoice.forTile(720, 2)).isEqualTo(1);
        assertThat(LayerChoice.forTile(720, 1)).isEqualTo(0);
    }

    @Test
    void aThinLinkIsGivenALowerLayerThanTheTileWants() {
        long[] rates = {150_000, 500_000, 1_500_000};
        assertThat(LayerChoice.choose(rates, 2, Long.MAX_VALUE)).isEqualTo(2);
        assertThat(LayerChoice.choose(rates, 2, 800_000)).isEqualTo(1);
        assertThat(LayerChoice.choose(rates, 2, 200_000)).isEqualTo(0);
    }

    @Test
    void whenNothingFitsTheLowestArrivingLayerIsStillForwarded() {
        assertThat(LayerChoice.choose(new long[] {150_000, 500_000, 1_500_000}, 2, 10_000)).isEqualTo(0);
    }

    @Test
    void aLayerThePublisherStoppedSendingIsNeverChosen() {
        assertThat(LayerChoice.choose(new long[] {150_000, 0, 0}, 2, Long.MAX_VALUE)).isEqualTo(0);
        assertThat(LayerChoice.choose(new long[] {0, 500_000, 0}, 0, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(LayerChoice.choose(new long[] {0, 0, 0}, 2, Long.MAX_VALUE)).isEqualTo(-1);
    }
}
