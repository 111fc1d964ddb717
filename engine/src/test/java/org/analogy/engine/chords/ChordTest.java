package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChordTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "Am      | A:min",
        "F       | F:maj",
        "C7      | C:7",
        "G/B     | G:maj/3",
        "Bbmaj7  | Bb:maj7",
        "Dm7b5   | D:hdim7",
        "Esus4   | E:sus4",
        "Cdim    | C:dim",
        "Caug    | C:aug",
        "C6      | C:maj6",
        "Am7     | A:min7",
        "F#m     | F#:min",
        "Ebm6    | Eb:min6",
        "Cdim7   | C:dim7",
        "G7sus4  | G:sus4(b7)",
        "G9      | G:9",
        "Am/C    | A:min/b3",
        "C#      | C#:maj",
    })
    void leadSheetSymbolsMatchTheirHarteLabels(String symbol, String harte) {
        assertThat(Chord.parseSymbol(symbol)).isEqualTo(Chord.parseHarte(harte));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Am", "F", "C7", "G/B", "Bbmaj7", "Dm7b5", "Esus4", "Cdim", "Caug", "C6",
        "F#m7", "Ebsus2", "Abm6", "Bdim7", "C#mMaj7", "G9", "Fmaj9", "Dm9", "Cadd9", "G7sus4", "A5", "Am/C"})
    void symbolsRoundTripThroughToSymbol(String symbol) {
        assertThat(Chord.parseSymbol(symbol).toSymbol()).isEqualTo(symbol);
    }

    @Test
    void toSymbolSpellsHarteChordsForDisplay() {
        assertThat(Chord.parseHarte("Db:maj6").toSymbol()).isEqualTo("C#6");
        assertThat(Chord.parseHarte("A:min/b3").toSymbol()).isEqualTo("Am/C");
        assertThat(Chord.parseHarte("G:7/3").toSymbol()).isEqualTo("G7/B");
        assertThat(Chord.parseHarte("C:maj(4)").toSymbol()).isEqualTo("C(0,4,5,7)");
        assertThat(Chord.NONE.toSymbol()).isEqualTo("N.C.");
    }

    @Test
    void noChordSymbols() {
        assertThat(Chord.parseSymbol("N.C.")).isEqualTo(Chord.NONE);
        assertThat(Chord.parseSymbol("N")).isEqualTo(Chord.NONE);
        assertThat(Chord.NONE.isNone()).isTrue();
        assertThat(Chord.NONE.pitchClasses()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "Cxyz   | 'xyz'",
        "Am/H   | 'H'",
        "Am/Cm  | 'Cm'",
        "hm     | 'hm'",
        "''     | ''",
    })
    void badSymbolsNameTheBadPart(String symbol, String badPart) {
        assertThatThrownBy(() -> Chord.parseSymbol(symbol)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(badPart);
    }

    @Test
    void transposingMovesRootBassAndPitchClasses() {
        Chord gOverB = Chord.parseSymbol("G/B");
        assertThat(gOverB.transposed(5)).isEqualTo(Chord.parseSymbol("C/E"));
        assertThat(gOverB.transposed(-7)).isEqualTo(Chord.parseSymbol("C/E"));
        assertThat(gOverB.transposed(12)).isEqualTo(gOverB);
        assertThat(Chord.NONE.transposed(3)).isEqualTo(Chord.NONE);
    }

    @Test
    void containsAndPitchClasses() {
        Chord am7 = Chord.parseSymbol("Am7");
        assertThat(am7.pitchClasses()).containsExactly(0, 4, 7, 9);
        assertThat(am7.contains(9)).isTrue();
        assertThat(am7.contains(21)).isTrue();
        assertThat(am7.contains(1)).isFalse();
    }

    @Test
    void inconsistentChordsAreRejected() {
        assertThatThrownBy(() -> new Chord(-1, 0b1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chord(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chord(12, 0b1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chord(0, 0x1000, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
