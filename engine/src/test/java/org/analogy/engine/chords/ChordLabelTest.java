package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChordLabelTest {

    /** Pitch classes as a space-separated string, for readable tables. */
    private static String pcs(Chord chord) {
        return Arrays.stream(chord.pitchClasses()).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // label       | root | pitch classes      | bass
        "C:maj         | 0    | 0 4 7              | 0",
        "A:min7        | 9    | 0 4 7 9            | 9",
        "G:7/3         | 7    | 2 5 7 11           | 11",
        "F:sus4(b7)    | 5    | 0 3 5 10           | 5",
        "Db:maj6       | 1    | 1 5 8 10           | 1",
        "B:dim         | 11   | 2 5 11             | 11",
        "E:aug         | 4    | 0 4 8              | 4",
        "C:hdim7       | 0    | 0 3 6 10           | 0",
        "C:dim7        | 0    | 0 3 6 9            | 0",
        "G:9           | 7    | 2 5 7 9 11         | 7",
        "C:maj(9)      | 0    | 0 2 4 7            | 0",
        "A:min/b3      | 9    | 0 4 9              | 0",
        "Bb:sus2       | 10   | 0 5 10             | 10",
        "C#:min        | 1    | 1 4 8              | 1",
        "Cb:maj        | 11   | 3 6 11             | 11",
        "B#:maj        | 0    | 0 4 7              | 0",
        "F#:maj/5      | 6    | 1 6 10             | 1",
        "E:min7/b7     | 4    | 2 4 7 11           | 2",
        "D:maj7/7      | 2    | 1 2 6 9            | 1",
        "Ab:minmaj7    | 8    | 3 7 8 11           | 8",
        "A:min6        | 9    | 0 4 6 9            | 9",
        "C:maj7        | 0    | 0 4 7 11           | 0",
        "C:min(*5)     | 0    | 0 3                | 0",
        "C:7(*3)       | 0    | 0 7 10             | 0",
        "C:maj(*3,b3)  | 0    | 0 3 7              | 0",
        "C:(1,b3,5)    | 0    | 0 3 7              | 0",
        "C             | 0    | 0 4 7              | 0",
        "C/5           | 0    | 0 4 7              | 7",
        "G:maj(#11)    | 7    | 1 2 7 11           | 7",
        "Eb:7(b9)      | 3    | 1 3 4 7 10         | 3",
        "D:sus4        | 2    | 2 7 9              | 2",
        "C:13          | 0    | 0 2 4 5 7 9 10     | 0",
    })
    void parsesHarteLabels(String label, int root, String pitchClasses, int bass) {
        Chord chord = ChordLabel.parse(label);
        assertThat(chord.root()).isEqualTo(root);
        assertThat(pcs(chord)).isEqualTo(pitchClasses);
        assertThat(chord.bass()).isEqualTo(bass);
    }

    @Test
    void noChordAndUnknownChordAreNone() {
        assertThat(ChordLabel.parse("N")).isEqualTo(Chord.NONE);
        assertThat(ChordLabel.parse("X")).isEqualTo(Chord.NONE);
        assertThat(Chord.parseHarte(" N ")).isEqualTo(Chord.NONE);
    }

    @Test
    void enharmonicRootsGiveTheSameChord() {
        assertThat(ChordLabel.parse("C#:maj7")).isEqualTo(ChordLabel.parse("Db:maj7"));
        assertThat(ChordLabel.parse("F#:min")).isEqualTo(ChordLabel.parse("Gb:min"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "H:maj          | 'H:maj'",
        "C:foo          | 'foo'",
        "C:maj(9        | '(9'",
        "C:maj(9)x      | '(9)x'",
        "C:maj/x        | 'x'",
        "C:maj/         | ''",
        "C:maj(15)      | '15'",
        "C:maj(b)       | 'b'",
        "C:(*1,*3,*5)   | no pitch class",
        "C:             | ''",
        "C:maj()        | '()'",
        "Cx:maj         | 'Cx'",
        "n              | 'n'",
    })
    void malformedLabelsNameTheLabelAndTheBadPart(String label, String badPart) {
        assertThatThrownBy(() -> ChordLabel.parse(label))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + label + "'")
                .hasMessageContaining(badPart);
    }

    @Test
    void anEmptyLabelIsAnError() {
        assertThatThrownBy(() -> ChordLabel.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chord '");
    }
}
