package org.analogy.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.analogy.engine.melody.MelodyTokens;

class MelodyContourTest {

    private static int[] tokens(int... notes) {
        int[] t = new int[8];
        Arrays.fill(t, MelodyTokens.REST);
        for (int i = 0; i + 1 < notes.length; i += 2) t[notes[i]] = notes[i + 1];
        return t;
    }

    @Test
    void theCurveHoldsTheLatestOnsetThroughHoldsAndRests() {
        double[] c = MelodyEvaluation.contour(tokens(1, 60, 4, 67));
        assertThat(c[0]).isNaN();
        assertThat(Arrays.copyOfRange(c, 1, 8)).containsExactly(60, 60, 60, 67, 67, 67, 67);
    }

    @Test
    void aTransposedCurveCorrelatesFullyAndAnInvertedOneNegatively() {
        int[] up = tokens(0, 60, 2, 62, 4, 64, 6, 67);
        assertThat(MelodyEvaluation.contourCorrelation(tokens(0, 65, 2, 67, 4, 69, 6, 72), up)).isEqualTo(1.0, within(1e-9));
        assertThat(MelodyEvaluation.contourCorrelation(tokens(0, 67, 2, 64, 4, 62, 6, 60), up)).isLessThan(-0.9);
        assertThat(MelodyEvaluation.contourCorrelation(tokens(0, 60), up)).isNaN();    // a flat line has no contour
    }

    @Test
    void theRuleTakesBsRhythmAndAsPitchAtEachOfBsOnsets() {
        int[] a = tokens(0, 60, 4, 67);
        int[] b = tokens(2, 50, 5, 52, 7, 55);
        b[3] = MelodyTokens.HOLD;
        int[] rule = MelodyEvaluation.pitchAtOnsets(a, b);
        assertThat(rule).containsExactly(MelodyTokens.REST, MelodyTokens.REST, 60, MelodyTokens.HOLD, MelodyTokens.REST, 67,
                MelodyTokens.REST, 67);
    }
}
