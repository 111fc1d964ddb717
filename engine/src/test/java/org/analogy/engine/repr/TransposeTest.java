package org.analogy.engine.repr;

import static org.analogy.engine.melody.MelodyTokens.HOLD;
import static org.analogy.engine.melody.MelodyTokens.REST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.accompaniment.PianoRoll;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;

class TransposeTest {

    @Test
    void tokensMovePitchesButNotHoldsOrRests() {
        assertThat(Transpose.tokens(new int[]{60, HOLD, REST, 64}, -2)).containsExactly(58, HOLD, REST, 62);
    }

    @Test
    void strictTranspositionStaysInMidiRange() {
        assertThat(Transpose.tokens(new int[]{127}, 0)).containsExactly(127);
        assertThatThrownBy(() -> Transpose.tokens(new int[]{126, HOLD}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0–127");
        assertThatThrownBy(() -> Transpose.tokens(new int[]{131}, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void melodyTranspositionStaysInTheTrainingBand() {
        int[] tokens = {Transpose.MELODY_LOW + 2, HOLD, Transpose.MELODY_HIGH - 3};
        assertThat(Transpose.melodyTokens(tokens, -2)).isPresent();
        assertThat(Transpose.melodyTokens(tokens, 3)).isPresent();
        assertThat(Transpose.melodyTokens(tokens, -3)).isEmpty();
        assertThat(Transpose.melodyTokens(tokens, 4)).isEmpty();
        assertThat(Transpose.melodyTokens(new int[]{REST, REST}, 40)).isPresent();
    }

    @Test
    void chromaRotatesWithTheChord() {
        Chord c = Chord.parseSymbol("C");
        for (int shift = -6; shift <= 6; shift++) {
            float[] moved = Transpose.chroma(ChordFeatures.chroma(List.of(c, Chord.NONE)), shift);
            assertThat(moved).as("shift %d", shift).containsExactly(ChordFeatures.chroma(List.of(c.transposed(shift), Chord.NONE)));
        }
    }

    @Test
    void chordFormRotatesRootChromaAndBassTogether() {
        List<Chord> chords = List.of(Chord.parseSymbol("G/B"), Chord.parseSymbol("Am7"), Chord.NONE);
        float[] moved = Transpose.chordForm(ChordFeatures.chordForm(chords), 5);
        assertThat(moved).containsExactly(ChordFeatures.chordForm(Transpose.chords(chords, 5)));
    }

    @Test
    void notesAndPianoRollsMove() {
        List<GridNote> notes = List.of(new GridNote(60, 90, 0, 4), new GridNote(72, 90, 2, 1));
        assertThat(Transpose.notes(notes, 7)).containsExactly(new GridNote(67, 90, 0, 4), new GridNote(79, 90, 2, 1));
        assertThatThrownBy(() -> Transpose.notes(notes, 60)).isInstanceOf(IllegalArgumentException.class);
        int[][] roll = PianoRoll.durations(notes, 0);
        assertThat(Transpose.pianoRoll(roll, -12)).isDeepEqualTo(PianoRoll.durations(Transpose.notes(notes, -12), 0));
        assertThatThrownBy(() -> Transpose.pianoRoll(roll, -61)).isInstanceOf(IllegalArgumentException.class);
    }
}
