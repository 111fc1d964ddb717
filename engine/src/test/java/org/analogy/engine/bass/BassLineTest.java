package org.analogy.engine.bass;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BassLineTest {

    static Chord[] chart(String... halfBars) {
        Chord[] chords = new Chord[BassLine.STEPS];
        int span = BassLine.STEPS / halfBars.length;
        for (int t = 0; t < chords.length; t++) chords[t] = Chord.parseSymbol(halfBars[t / span]);
        return chords;
    }

    /** Root, fifth, octave and a passing note under C | G: the same line one tone up under D | A gives the same tokens. */
    private static List<GridNote> line(int shift) {
        return List.of(new GridNote(36 + shift, 100, 0, 4), new GridNote(43 + shift, 80, 4, 2), new GridNote(48 + shift, 90, 8, 4),
                new GridNote(43 + shift, 100, 16, 8), new GridNote(45 + shift, 70, 28, 4));
    }

    @Test
    void writesIntervalsAboveTheChordRootSoATransposedLineReadsTheSame() {
        BassLine c = BassLine.of(line(0), 0, chart("C", "G"));
        BassLine d = BassLine.of(line(2), 0, chart("D", "A"));
        assertThat(c.tokens()).isEqualTo(d.tokens());
        assertThat(c.token(0)).isEqualTo(BassLine.onsetToken(0, 0));
        assertThat(c.token(1)).isEqualTo(BassLine.HOLD);
        assertThat(c.token(4)).isEqualTo(BassLine.onsetToken(7, 0));
        assertThat(c.token(6)).isEqualTo(BassLine.REST);
        assertThat(c.token(8)).isEqualTo(BassLine.onsetToken(0, 1));                      // an octave above the lowest note
        assertThat(c.token(16)).isEqualTo(BassLine.onsetToken(0, 0));                     // G under G: the root
        assertThat(c.token(28)).isEqualTo(BassLine.onsetToken(2, 0));                     // A under G: a passing tone
        assertThat(c.velocity(0)).isEqualTo(100 / 127f);
        assertThat(c.onsetCount()).isEqualTo(5);
    }

    @Test
    void aNoteFromBeforeTheWindowHoldsAndTheLowestOfTwoOnsetsIsTheBass() {
        List<GridNote> notes = List.of(new GridNote(40, 90, -4, 6), new GridNote(52, 90, 8, 2), new GridNote(40, 90, 8, 2));
        BassLine l = BassLine.of(notes, 0, chart("C"));
        assertThat(l.token(0)).isEqualTo(BassLine.HOLD);
        assertThat(l.token(1)).isEqualTo(BassLine.HOLD);
        assertThat(l.token(2)).isEqualTo(BassLine.REST);
        assertThat(l.token(8)).isEqualTo(BassLine.onsetToken(4, 0));
    }

    @Test
    void notesComeBackInsideTheRegisterUnderAnyChord() {
        BassLine c = BassLine.of(line(0), 0, chart("C", "G"));
        for (String[] harmony : List.of(new String[]{"C", "G"}, new String[]{"F#", "B"}, new String[]{"Bb", "Eb"})) {
            for (int[] register : new int[][]{{28, 48}, {40, 55}, {33, 60}}) {
                List<GridNote> notes = c.toNotes(chart(harmony), register[0], register[1]);
                assertThat(notes).hasSize(5);
                for (GridNote n : notes) assertThat(n.pitch()).isBetween(register[0], register[1]);
                Chord first = Chord.parseSymbol(harmony[0]);
                assertThat(notes.get(0).pitch() % 12).isEqualTo(first.root());
                assertThat(notes.get(0).duration()).isEqualTo(4);
                assertThat(notes.get(1).pitch() % 12).isEqualTo((first.root() + 7) % 12);
            }
        }
        assertThatThrownBy(() -> c.toNotes(chart("C"), 40, 45)).hasMessageContaining("at least an octave apart");
    }

    @Test
    void decoderOutputsPickTheLikeliestTokenAndNeverHoldAfterARest() {
        int width = BassLine.TOKENS + 1;
        float[] out = new float[BassLine.STEPS * width];
        for (int t = 0; t < BassLine.STEPS; t++) out[t * width + BassLine.HOLD] = 1f;                 // holds everywhere …
        out[4 * width + BassLine.onsetToken(7, 1)] = 5f;                                                 // … an onset at 4
        out[4 * width + BassLine.TOKENS] = 0f;                                                           // velocity logit 0 → 0.5
        BassLine l = BassLine.ofDecoderOutputs(out, 0);
        for (int t = 0; t < 4; t++) assertThat(l.token(t)).isEqualTo(BassLine.REST);
        assertThat(l.token(4)).isEqualTo(BassLine.onsetToken(7, 1));
        assertThat(l.velocity(4)).isEqualTo(0.5f);
        assertThat(l.token(5)).isEqualTo(BassLine.HOLD);
        List<GridNote> notes = l.toNotes(chart("C"), 36, 60);
        assertThat(notes).containsExactly(new GridNote(55, 64, 4, 28));
    }

    @Test
    void theChordTonePriorMovesADoubtfulOnsetOntoTheChordButNotASureOne() {
        int width = BassLine.TOKENS + 1;
        float[] out = new float[BassLine.STEPS * width];
        for (int t = 0; t < BassLine.STEPS; t++) out[t * width + BassLine.REST] = 2f;        // rests, sure of themselves …
        out[0] = 0f;
        out[BassLine.onsetToken(2, 0)] = 2f;                                   // step 0: the 9th a little likelier than the 3rd
        out[BassLine.onsetToken(4, 0)] = 1.6f;
        out[8 * width + BassLine.REST] = 0f;
        out[8 * width + BassLine.onsetToken(2, 0)] = 5f;                       // step 8: the 9th, sure
        out[8 * width + BassLine.onsetToken(7, 0)] = 1f;
        Chord[] chords = chart("C");
        BassLine plain = BassLine.ofDecoderOutputs(out, 0, chords, 0f);
        assertThat(plain.token(0)).isEqualTo(BassLine.onsetToken(2, 0));
        BassLine prior = BassLine.ofDecoderOutputs(out, 0, chords, 1f);
        assertThat(prior.token(0)).isEqualTo(BassLine.onsetToken(4, 0));
        assertThat(prior.token(8)).isEqualTo(BassLine.onsetToken(2, 0));
        assertThat(prior.token(16)).isEqualTo(BassLine.REST);
    }

    @Test
    void conditioningIsTheSameInAnyKeyAndMarksChordChanges() {
        float[] onsets = new float[BassLine.STEPS];
        Arrays.fill(onsets, 0, 32, 0f);
        onsets[0] = 3;
        float[] c = new float[BassLine.STEPS * BassConditioning.SIZE];
        float[] d = new float[c.length];
        BassConditioning.write(chart("C", "G", "Am", "F"), onsets, c, 0);
        BassConditioning.write(chart("D", "A", "Bm", "G"), onsets, d, 0);
        assertThat(c).isEqualTo(d);
        List<Integer> starts = new ArrayList<>();
        for (int t = 0; t < BassLine.STEPS; t++) if (c[t * BassConditioning.SIZE + 12] == 1f) starts.add(t);
        assertThat(starts).containsExactly(0, 8, 16, 24);
        assertThat(c[13 + 7]).isEqualTo(1f);                      // from C the next root is a fifth up
        assertThat(c[26]).isEqualTo(1f);                          // three onsets saturate at 1
        assertThatThrownBy(() -> BassConditioning.write(new Chord[3], onsets, c, 0)).hasMessageContaining("need 32 chords");
    }
}
