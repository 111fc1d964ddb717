package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.repr.GridNote;

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

    @Test
    void spansAreNamedAsEachSpanAloneWouldBe() {
        java.util.Random random = new java.util.Random(7);
        List<GridNote> notes = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            notes.add(new GridNote(36 + random.nextInt(60), 80, random.nextInt(250), 1 + random.nextInt(20)));
        }
        List<Chord> spans = ChordRecognizer.recognizeSpans(notes, 260, 8);
        assertThat(spans).hasSize(33);
        for (int s = 0; s < spans.size(); s++) {
            assertThat(spans.get(s)).as("span %d", s).isEqualTo(ChordRecognizer.recognize(notes, s * 8, s * 8 + 8));
        }
    }

    @Test
    void aLongSongWithManyNotesCostsNotesPlusSteps() {
        // 16 384 half-bar spans against 200 000 notes: spans × notes would be 3 × 10^9 overlap tests.
        List<GridNote> notes = new java.util.ArrayList<>();
        for (int i = 0; i < 200_000; i++) notes.add(new GridNote(48 + i % 24, 80, (i * 7) % 131_000, 4));
        List<Chord> spans = ChordRecognizer.recognizeSpans(notes, 131_072, 8);
        assertThat(spans).hasSize(16_384);
    }
}
