package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChordFeaturesTest {

    private static float[] slice(float[] values, int from, int length) {
        float[] out = new float[length];
        System.arraycopy(values, from, out, 0, length);
        return out;
    }

    @Test
    void chromaIsTwelveValuesPerStepRowMajor() {
        List<Chord> chords = List.of(Chord.parseSymbol("C"), Chord.NONE, Chord.parseSymbol("Am7"));
        float[] chroma = ChordFeatures.chroma(chords);
        assertThat(chroma).hasSize(36);
        assertThat(slice(chroma, 0, 12)).containsExactly(1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0);
        assertThat(slice(chroma, 12, 12)).containsOnly(0f);
        assertThat(slice(chroma, 24, 12)).containsExactly(1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0);
    }

    @Test
    void chordFormIsRootThenChromaThenBass() {
        float[] form = ChordFeatures.chordForm(List.of(Chord.parseSymbol("G/B")));
        assertThat(form).hasSize(ChordFeatures.CHORD_FORM_SIZE);
        float[] expected = new float[36];
        expected[7] = 1;                                   // root G
        expected[12 + 2] = expected[12 + 7] = expected[12 + 11] = 1; // chroma D G B
        expected[24 + 11] = 1;                             // bass B
        assertThat(form).containsExactly(expected);
    }

    @Test
    void noChordIsAllZerosInTheChordForm() {
        float[] form = ChordFeatures.chordForm(List.of(Chord.parseSymbol("C"), Chord.NONE));
        assertThat(slice(form, 36, 36)).containsOnly(0f);
        assertThat(slice(form, 0, 36)).contains(1f);
    }

    @Test
    void aWindowHasEightBeatsOfChordForm() {
        List<Chord> steps = new ArrayList<>(Collections.nCopies(32, Chord.parseSymbol("F")));
        for (int s = 16; s < 32; s++) steps.set(s, Chord.parseSymbol("Dm"));
        steps.set(5, Chord.parseSymbol("E")); // inside beat 1, not on its first step: not seen per beat
        float[] form = ChordFeatures.chordFormFromSteps(steps);
        assertThat(ChordFeatures.BEATS_PER_WINDOW).isEqualTo(8);
        assertThat(form).hasSize(8 * 36);
        for (int beat = 0; beat < 8; beat++) {
            int root = beat < 4 ? 5 : 2;
            assertThat(form[beat * 36 + root]).as("root of beat %d", beat).isEqualTo(1f);
            assertThat(slice(form, beat * 36, 12)).as("one root on beat %d", beat).containsOnlyOnce(1f);
        }
    }

    @Test
    void chordFormFromStepsNeedsWholeBeats() {
        assertThatThrownBy(() -> ChordFeatures.chordFormFromSteps(Collections.nCopies(6, Chord.NONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 steps");
    }
}
