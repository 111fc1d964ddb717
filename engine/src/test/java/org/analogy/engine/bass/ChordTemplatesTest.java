package org.analogy.engine.bass;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChordTemplatesTest {

    private static double[] chroma(int... pitchClasses) {
        double[] c = new double[12];
        for (int pc : pitchClasses) c[pc] += 1;
        return c;
    }

    @Test
    void labelsTriadsAndSeventhsByTheirBestTemplate() {
        assertThat(ChordTemplates.label(chroma(0, 4, 7))).isEqualTo(Chord.parseSymbol("C"));
        assertThat(ChordTemplates.label(chroma(9, 0, 4))).isEqualTo(Chord.parseSymbol("Am"));
        assertThat(ChordTemplates.label(chroma(7, 11, 2, 5))).isEqualTo(Chord.parseSymbol("G7"));
        assertThat(ChordTemplates.label(chroma(2, 5, 9, 0))).isEqualTo(Chord.parseSymbol("Dm7"));
        // A passing note does not move the label off the triad it decorates.
        assertThat(ChordTemplates.label(chroma(5, 9, 0, 5, 9, 0, 5, 9, 0, 2))).isEqualTo(Chord.parseSymbol("F"));
        // … but a D sounding as long as each triad tone makes it Dm7, which it then is.
        assertThat(ChordTemplates.label(chroma(5, 9, 0, 2))).isEqualTo(Chord.parseSymbol("Dm7"));
        assertThat(ChordTemplates.label(new double[12])).isEqualTo(Chord.NONE);
    }

    @Test
    void labelsEachHalfBarAndCarriesAChordOverASilentOne() {
        List<GridNote> notes = List.of(
                new GridNote(60, 80, 0, 8), new GridNote(64, 80, 0, 8), new GridNote(67, 80, 0, 8),      // C, steps 0-7
                new GridNote(55, 80, 8, 8), new GridNote(59, 80, 8, 8), new GridNote(62, 80, 8, 8),      // G, steps 8-15
                new GridNote(57, 80, 24, 8), new GridNote(60, 80, 24, 8), new GridNote(64, 80, 24, 8));  // silent 16-23, then Am
        Chord[] perStep = ChordTemplates.perStep(notes, 0, 32);
        assertThat(perStep).hasSize(32);
        assertThat(perStep[0]).isEqualTo(Chord.parseSymbol("C"));
        assertThat(perStep[8]).isEqualTo(Chord.parseSymbol("G"));
        assertThat(perStep[16]).isEqualTo(Chord.parseSymbol("G"));
        assertThat(perStep[31]).isEqualTo(Chord.parseSymbol("Am"));
        assertThat(ChordTemplates.perStep(List.of(), 0, 32)[0]).isEqualTo(Chord.NONE);
    }
}
