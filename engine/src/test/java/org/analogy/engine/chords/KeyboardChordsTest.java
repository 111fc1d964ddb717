package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeyboardChordsTest {

    private static String play(KeyboardChords chords, int... keys) {
        for (int k : keys) chords.noteOn(k);
        String symbol = chords.current().toSymbol();
        for (int k : keys) chords.noteOff(k);
        return symbol;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "48 52 55, C", "52 55 60, C/E", "43 48 52, C/G", "45 48 52, Am", "48 52 55 58, C7", "52 55 58 60, C7/E",
            "48 52 55 59, Cmaj7", "45 48 52 55, Am7", "47 50 53, Bdim", "47 50 53 56, Bdim7", "47 50 53 57, Bm7b5",
            "48 52 56, Caug", "48 53 55, Csus4", "48 50 55, Csus2", "48 53 55 58, C7sus4", "48 52 55 57, C6",
            "45 48 52 54, Am6", "48 52, C", "45 48, Am", "48 55, C", "48 52 58, C7",
    })
    void recognisesFingeredChordsInAnyInversion(String keys, String expected) {
        KeyboardChords chords = new KeyboardChords(72, false);
        int[] pitches = java.util.Arrays.stream(keys.split(" ")).mapToInt(Integer::parseInt).toArray();
        assertThat(play(chords, pitches)).isEqualTo(expected);
    }

    @Test
    void theChordStaysWhenTheHandLiftsAndChangesWithTheNextOne() {
        KeyboardChords chords = new KeyboardChords(60, false);
        play(chords, 48, 52, 55);
        assertThat(chords.current().toSymbol()).isEqualTo("C");
        assertThat(chords.noteOn(50)).isFalse(); // one key alone changes nothing
        chords.noteOff(50);
        play(chords, 43, 47, 50);
        assertThat(chords.current().toSymbol()).isEqualTo("G");
        assertThat(chords.changes()).isEqualTo(2);
    }

    @Test
    void keysAboveTheSplitAreTheMelodyNotTheChord() {
        KeyboardChords chords = new KeyboardChords(55, false);
        assertThat(chords.inZone(54)).isTrue();
        assertThat(chords.inZone(55)).isFalse();
        play(chords, 48, 52, 60, 64, 67);
        assertThat(chords.current().toSymbol()).isEqualTo("C"); // C and E below the split: C major
    }

    @ParameterizedTest(name = "one finger {0} → {1}")
    @CsvSource({"48, C", "46 48, Cm", "47 48, C7", "46 47 48, Cm7", "43, G", "42 43, Gm"})
    void oneFingerMode(String keys, String expected) {
        KeyboardChords chords = new KeyboardChords(60, true);
        int[] pitches = java.util.Arrays.stream(keys.split(" ")).mapToInt(Integer::parseInt).toArray();
        assertThat(play(chords, pitches)).isEqualTo(expected);
    }

    @Test
    void aBadSplitPointIsRefused() {
        assertThatThrownBy(() -> new KeyboardChords(0, false)).hasMessageContaining("split point");
    }
}
