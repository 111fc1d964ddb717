package org.analogy.train.accompaniment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AccompanimentMetricsTest {

    @Test
    void noteF1JudgesOnsetStepAndPitchButNotDuration() {
        int[][] truth = new int[32][128];
        truth[0][60] = 4;
        truth[4][64] = 4;
        int[][] output = new int[32][128];
        output[0][60] = 16;   // right onset, other duration: still a hit
        output[5][64] = 4;    // one step late: a miss and a false note
        AccompanimentMetrics m = new AccompanimentMetrics();
        m.addReconstruction(output, truth);
        assertThat(m.notePrecision()).isEqualTo(0.5);
        assertThat(m.noteRecall()).isEqualTo(0.5);
        assertThat(m.noteF1()).isEqualTo(0.5);
        assertThat(m.windows()).isEqualTo(1);
    }

    @Test
    void chordToneShareCountsOnsetsOnTheirBeatsChordAndSkipsBeatsWithoutOne() {
        float[] form = new float[8 * 36];
        for (int pc : new int[]{0, 4, 7}) form[12 + pc] = 1;          // beat 1: C major
        for (int pc : new int[]{9, 0, 4}) form[36 + 12 + pc] = 1;     // beat 2: A minor; beats 3–8: no chord
        int[][] output = new int[32][128];
        output[0][48] = 2;    // C on beat 1: chord tone
        output[1][62] = 2;    // D on beat 1: not
        output[4][57] = 2;    // A on beat 2: chord tone
        output[8][61] = 2;    // beat 3 has no chord: not judged
        AccompanimentMetrics m = new AccompanimentMetrics();
        m.addChordControl(output, form);
        assertThat(m.judgedOnsets()).isEqualTo(3);
        assertThat(m.chordToneShare()).isEqualTo(2.0 / 3, within(1e-12));
    }

    @Test
    void textureIsTheOnsetPatternAndTheNoteCountPerBar() {
        int[][] texture = new int[32][128];
        int[][] output = new int[32][128];
        for (int step = 0; step < 16; step += 4) {
            texture[step][60] = 2;
            texture[step][64] = 2;
            output[step][55] = 2;       // same steps, other pitches, half the notes in bar 1
        }
        texture[16][60] = 2;
        output[16][48] = 2;
        output[17][48] = 2;             // bar 2: one extra step, two notes against one
        AccompanimentMetrics m = new AccompanimentMetrics();
        m.addTexture(output, texture);
        assertThat(m.onsetPatternF1()).isEqualTo(2.0 * 5 / (6 + 5), within(1e-12));
        assertThat(m.meanRelativeCountDifference()).isEqualTo((0.5 + 1.0) / 2, within(1e-12));
        assertThat(m.barsWithinQuarter()).isZero();
    }
}
