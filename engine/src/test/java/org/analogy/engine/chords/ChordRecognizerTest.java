package org.analogy.engine.chords;

import org.analogy.engine.repr.GridNote;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChordRecognizerTest {

    private static List<GridNote> block(int... pitches) {
        return java.util.Arrays.stream(pitches).mapToObj(p -> new GridNote(p, 80, 0, 8)).toList();
    }

    @Test
    void namesCommonChordsInAnyVoicing() {
        assertThat(ChordRecognizer.recognize(block(48, 52, 55), 0, 8).toSymbol()).isEqualTo("C");
        assertThat(ChordRecognizer.recognize(block(57, 60, 64), 0, 8).toSymbol()).isEqualTo("Am");
        assertThat(ChordRecognizer.recognize(block(43, 59, 62, 65), 0, 8).toSymbol()).isEqualTo("G7");
        assertThat(ChordRecognizer.recognize(block(50, 53, 57, 60), 0, 8).toSymbol()).isEqualTo("Dm7");
    }

    @Test
    void anInversionKeepsItsRootAndReportsItsBass() {
        Chord c = ChordRecognizer.recognize(block(52, 55, 60), 0, 8); // C/E
        assertThat(c.root()).isZero();
        assertThat(c.bass()).isEqualTo(4);
    }

    @Test
    void aLoneNoteOrSilenceIsNoChord() {
        assertThat(ChordRecognizer.recognize(block(60), 0, 8).isNone()).isTrue();
        assertThat(ChordRecognizer.recognize(block(60, 72), 0, 8).isNone()).isTrue();
        assertThat(ChordRecognizer.recognize(List.of(), 0, 8).isNone()).isTrue();
    }

    @Test
    void onlyNotesSoundingInTheSpanCount() {
        List<GridNote> notes = List.of(new GridNote(48, 80, 0, 8), new GridNote(52, 80, 0, 8), new GridNote(55, 80, 0, 8),
                new GridNote(45, 80, 8, 8), new GridNote(48, 80, 8, 8), new GridNote(52, 80, 8, 8));
        assertThat(ChordRecognizer.recognizeSpans(notes, 16, 8)).extracting(Chord::toSymbol).containsExactly("C", "Am");
    }
}
