package org.analogy.engine.accompaniment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.repr.GridNote;

class PianoRollTest {

    @Test
    void onsetsCarryTheirDurationInSteps() {
        int[][] roll = PianoRoll.durations(List.of(
                new GridNote(48, 80, 32, 8), new GridNote(64, 80, 33, 2), new GridNote(67, 80, 63, 4)), 32);
        assertThat(roll).hasDimensions(32, 128);
        assertThat(roll[0][48]).isEqualTo(8);
        assertThat(roll[1][64]).isEqualTo(2);
        assertThat(roll[31][67]).as("not cut at the window end").isEqualTo(4);
        assertThat(PianoRoll.onsetCount(roll)).isEqualTo(3);
    }

    @Test
    void durationsAreCappedAtThirtyTwoSteps() {
        int[][] roll = PianoRoll.durations(List.of(new GridNote(40, 80, 0, 100)), 0);
        assertThat(roll[0][40]).isEqualTo(PianoRoll.MAX_DURATION).isEqualTo(32);
    }

    @Test
    void notesStartingOutsideTheWindowAreLeftOut() {
        int[][] roll = PianoRoll.durations(List.of(new GridNote(60, 80, 31, 4), new GridNote(62, 80, 64, 1)), 32);
        assertThat(PianoRoll.onsetCount(roll)).isZero();
    }

    @Test
    void theLongerOfTwoNotesOnOneStepAndPitchIsKept() {
        int[][] roll = PianoRoll.durations(List.of(new GridNote(60, 80, 0, 2), new GridNote(60, 80, 0, 6)), 0);
        assertThat(roll[0][60]).isEqualTo(6);
    }

    @Test
    void onsetViewIsZeroOrOne() {
        int[][] roll = PianoRoll.durations(List.of(new GridNote(60, 80, 3, 7)), 0);
        int[][] onsets = PianoRoll.onsets(roll);
        assertThat(onsets[3][60]).isEqualTo(1);
        int total = 0;
        for (int[] row : onsets) for (int v : row) total += v;
        assertThat(total).isEqualTo(1);
    }

    @Test
    void toNotesInvertsDurations() {
        List<GridNote> notes = List.of(new GridNote(36, 70, 0, 16), new GridNote(60, 70, 4, 2), new GridNote(64, 70, 4, 3));
        assertThat(PianoRoll.toNotes(PianoRoll.durations(notes, 0), 70)).containsExactlyElementsOf(notes);
    }
}
