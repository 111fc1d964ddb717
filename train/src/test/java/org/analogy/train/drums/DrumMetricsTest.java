package org.analogy.train.drums;

import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DrumMetricsTest {

    @Test
    void hitF1AndErrorsOnTheHitsBothPatternsHave() {
        DrumPattern truth = new DrumPattern().set(0, DrumVoice.KICK, 1f, 0.1f).set(4, DrumVoice.SNARE, 0.5f, -0.2f).set(8, DrumVoice.KICK, 0.8f, 0f);
        DrumPattern predicted = new DrumPattern().set(0, DrumVoice.KICK, 0.8f, 0f).set(4, DrumVoice.SNARE, 0.5f, 0f)
                .set(2, DrumVoice.CLOSED_HAT, 0.5f, 0f);
        DrumMetrics m = new DrumMetrics();
        m.add(truth, predicted, 0.125);
        assertThat(m.precision()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.recall()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.hitF1()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.velocityMae()).isCloseTo(0.1, within(1e-6));
        // |0.1| and |−0.2| of a 125 ms step: 12.5 and 25 ms, mean 18.75 ms; the prediction sits on the grid, so both agree.
        assertThat(m.timingMaeMs()).isCloseTo(18.75, within(1e-4));
        assertThat(m.gridTimingMaeMs()).isCloseTo(18.75, within(1e-4));
        assertThat(m.toMap()).containsEntry("matchedHits", 2L);
    }

    @Test
    void noCommonHitsGiveZeroF1AndNoErrors() {
        DrumMetrics m = new DrumMetrics();
        m.add(new DrumPattern().set(0, DrumVoice.RIDE, 1f, 0f), new DrumPattern(), 0.1);
        assertThat(m.hitF1()).isZero();
        assertThat(m.timingMaeMs()).isNaN();
    }
}
