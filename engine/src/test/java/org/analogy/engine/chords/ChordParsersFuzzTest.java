package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer on the chord parsers (POP909's Harte labels and typed lead-sheet symbols). The input is taken as
 * UTF-8 text so that seeds are plain text files under
 * {@code src/test/resources/org/analogy/engine/repr/ChordParsersFuzzTestInputs/}. The only acceptable failure
 * is an {@link IllegalArgumentException} naming the label; a parsed chord must be well-formed, and its
 * display symbol must read back as the same chord.
 */
class ChordParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void harteLabelsParseToWellFormedChordsOrAreRefusedByName(byte[] input) {
        String label = new String(input, StandardCharsets.UTF_8);
        Chord chord;
        try {
            chord = ChordLabel.parse(label);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).contains(label);
            return;
        }
        checkWellFormed(chord);
    }

    @FuzzTest(maxDuration = "30s")
    void leadSheetSymbolsParseToWellFormedChordsOrAreRefusedByName(byte[] input) {
        String symbol = new String(input, StandardCharsets.UTF_8);
        Chord chord;
        try {
            chord = Chord.parseSymbol(symbol);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).contains(symbol);
            return;
        }
        checkWellFormed(chord);
    }

    private static void checkWellFormed(Chord chord) {
        if (chord.isNone()) return;
        assertThat(chord.root()).isBetween(0, 11);
        assertThat(chord.bass()).isBetween(0, 11);
        assertThat(chord.pitchClassMask()).isBetween(1, 0xFFF);
        // The root itself may be absent: Harte's C:maj(*1) is E and G over a C that is not played.
        String symbol = chord.toSymbol();
        if (!symbol.contains("(")) { // a named quality reads back; the interval-list form is display only
            Chord again = Chord.parseSymbol(symbol);
            assertThat(again.pitchClassMask()).as(symbol).isEqualTo(chord.pitchClassMask());
            assertThat(again.bass()).as(symbol).isEqualTo(chord.bass());
        }
    }
}
