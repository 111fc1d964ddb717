package org.analogy.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.analogy.train.eval.HarmonyMeasures.Count;

/** Each measure on a one-bar song whose figures are counted by hand in the comments. */
class HarmonyMeasuresTest {

    static final Chord C = Chord.parseSymbol("C");
    static final Chord G = Chord.parseSymbol("G");

    /** C4 on beat 1, E4 on beat 2, F#4 on beat 3, nothing on beat 4: 12 sounding steps. */
    static final List<GridNote> MELODY = List.of(new GridNote(60, 90, 0, 4), new GridNote(64, 90, 4, 4), new GridNote(66, 90, 8, 4));

    @Test
    void noteInChordCountsEverySoundingStep() {
        Chord[] played = new Chord[16];
        Arrays.fill(played, C);
        // C: 4 of 4 steps in C major, E: 4 of 4, F#: 0 of 4 -> 8 / 12.
        assertThat(HarmonyMeasures.noteInChord(MELODY, played, 0, 16, false)).isEqualTo(new Count(8, 12));
        // Beats 1 and 3 only: C's 4 steps in, F#'s 4 out -> 4 / 8.
        assertThat(HarmonyMeasures.noteInChord(MELODY, played, 0, 16, true)).isEqualTo(new Count(4, 8));
        // No chord holds no pitch class.
        Arrays.fill(played, 0, 4, Chord.NONE);
        assertThat(HarmonyMeasures.noteInChord(MELODY, played, 0, 16, false)).isEqualTo(new Count(4, 12));
        assertThat(HarmonyMeasures.noteInChordPerBar(MELODY, played, 1)[0]).isEqualTo(new Count(4, 12));
    }

    @Test
    void clashIsASemitoneFromWhatTheAccompanimentSounds() {
        // G3 held all bar: C (neighbours B, C#) and E (D#, F) do not clash, F# (F, G) does on its 4 steps.
        List<GridNote> accompaniment = List.of(new GridNote(55, 60, 0, 16));
        assertThat(HarmonyMeasures.clashes(MELODY, accompaniment, 16)).isEqualTo(new Count(4, 12));
        // An F sounding only on beat 2 clashes with E there: 4 more.
        List<GridNote> withF = List.of(new GridNote(55, 60, 0, 16), new GridNote(53, 60, 4, 4));
        assertThat(HarmonyMeasures.clashes(MELODY, withF, 16)).isEqualTo(new Count(8, 12));
    }

    @Test
    void chordTonesAreOnsetsUnderAnnotatedChords() {
        Chord[] annotated = new Chord[16];
        Arrays.fill(annotated, C);
        annotated[12] = Chord.NONE;
        // G3 at 0 is a tone of C, F#3 at 8 is not, E3 at 12 is under no chord and not counted.
        List<GridNote> accompaniment = List.of(new GridNote(55, 60, 0, 4), new GridNote(54, 60, 8, 4), new GridNote(52, 60, 12, 4));
        assertThat(HarmonyMeasures.chordTones(accompaniment, annotated)).isEqualTo(new Count(1, 2));
    }

    @Test
    void varietyIsTheEntropyOfSegmentLabelsAndLengths() {
        Chord[] chords = new Chord[16];
        Arrays.fill(chords, 0, 8, C);
        Arrays.fill(chords, 8, 12, G);
        Arrays.fill(chords, 12, 16, C);
        // Segments C(8) G(4) C(4): labels {C: 2, G: 1}, lengths {8: 1, 4: 2}: both -(2/3 log2 2/3 + 1/3 log2 1/3) = 0.9183.
        double[] h = HarmonyMeasures.entropies(chords);
        assertThat(h[0]).isCloseTo(0.9183, within(1e-4));
        assertThat(h[1]).isCloseTo(0.9183, within(1e-4));
        Arrays.fill(chords, C);
        assertThat(HarmonyMeasures.entropies(chords)).containsExactly(0.0, 0.0);
    }

    @Test
    void recoveryIsTheFirstBarBackWithinTenPercent() {
        // Before: 0.8, so 0.72 is needed: 0.5, then 0.75 -> one bar.
        Count[] after = {new Count(1, 2), new Count(3, 4), new Count(9, 10)};
        assertThat(HarmonyMeasures.recoveryBars(new Count(8, 10), after)).isEqualTo(1);
        assertThat(HarmonyMeasures.recoveryBars(new Count(8, 10), new Count[] {new Count(1, 2)})).isEqualTo(1); // never: the bars measured
    }

    @Test
    void oneBarLateTakesTheTriadOfTheLastBar() {
        // Window of two bars; the second holds A, C, E: A minor. The first bar's D does not count.
        List<GridNote> window = List.of(new GridNote(62, 90, 0, 16), new GridNote(57, 90, 16, 8), new GridNote(60, 90, 24, 4), new GridNote(64, 90, 28, 4));
        assertThat(new OneBarLateTriads().predictNext(List.of(), window, 16)).isEqualTo(Chord.parseSymbol("Am"));
        assertThat(new OneBarLateTriads().predictNext(List.of(G), List.of(), 16)).isEqualTo(G);
    }
}
