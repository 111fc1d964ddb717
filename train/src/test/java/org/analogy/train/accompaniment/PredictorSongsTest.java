package org.analogy.train.accompaniment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.PredictorFeatures;
import org.analogy.engine.repr.GridNote;
import org.analogy.train.data.Pop909Song;

class PredictorSongsTest {

    @Test
    void runsBreakAtBarsThatAreNotFourFourAndCarryMelodyAndBeatChords() {
        // bars of 4, 4, 3, 4, 4, 4 beats
        int[] beats = {4, 4, 3, 4, 4, 4};
        List<Pop909Song.Bar> bars = new ArrayList<>();
        int step = 0;
        for (int b : beats) {
            bars.add(new Pop909Song.Bar(step, b));
            step += b * 4;
        }
        Chord c = Chord.parseSymbol("C"), g = Chord.parseSymbol("G");
        List<Chord> perStep = new ArrayList<>();
        for (int s = 0; s < step; s++) perStep.add(s < 8 ? c : g);   // C for the first half bar, then G
        List<GridNote> melody = List.of(new GridNote(64, 90, 2, 4), new GridNote(67, 90, 44 + 1, 2));
        Pop909Song song = Pop909Song.of("t", melody, List.of(), List.of(), perStep, bars);

        List<PredictorSongs.Run> runs = PredictorSongs.runs(List.of(song));

        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).bars()).isEqualTo(2);
        assertThat(runs.get(1).bars()).isEqualTo(3);
        assertThat(runs.get(0).chord(0, 0, 0)).isEqualTo(c);
        assertThat(runs.get(0).chord(0, 2, 0)).isEqualTo(g);
        assertThat(runs.get(0).chord(0, 0, 2).root()).as("transposed up a tone").isEqualTo(2);
        float[] f = runs.get(0).features(0);
        assertThat(f[4]).as("E is the first bar's only melody pitch class").isEqualTo(1f);
        assertThat(f[12]).isEqualTo(1f);
        assertThat(f[PredictorFeatures.BAR_FEATURES + 12]).as("second bar has no melody").isZero();
        float[] second = runs.get(1).features(0);
        assertThat(second[7]).as("G in the first bar of the second run (bar index 3 starts at step 44)").isEqualTo(1f);
        float[] up = runs.get(0).features(1);
        assertThat(up[5]).as("transposed melody profile").isEqualTo(1f);
    }
}
