package org.analogy.train.data;

import static org.analogy.engine.melody.MelodyTokens.HOLD;
import static org.analogy.engine.melody.MelodyTokens.REST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.repr.Transpose;

class MelodyWindowTest {

    static MelodyWindow window(int lowPitch, int highPitch, String chord) {
        int[] tokens = new int[32];
        Arrays.fill(tokens, REST);
        tokens[0] = lowPitch;
        tokens[1] = HOLD;
        tokens[8] = highPitch;
        return new MelodyWindow("001", 3, tokens, ChordFeatures.chroma(Collections.nCopies(32, Chord.parseSymbol(chord))));
    }

    @Test
    void transposingMovesMelodyAndChordsTogether() {
        MelodyWindow moved = window(60, 67, "C").transposed(2).orElseThrow();
        assertThat(moved.tokens()[0]).isEqualTo(62);
        assertThat(moved.tokens()[1]).isEqualTo(HOLD);
        assertThat(moved.tokens()[8]).isEqualTo(69);
        assertThat(moved.chroma()).containsExactly(ChordFeatures.chroma(Collections.nCopies(32, Chord.parseSymbol("D"))));
        assertThat(moved.songId()).isEqualTo("001");
        assertThat(moved.startBar()).isEqualTo(3);
    }

    @Test
    void leavingTheMelodyBandGivesNothing() {
        MelodyWindow nearTop = window(60, Transpose.MELODY_HIGH - 1, "C");
        assertThat(nearTop.transposed(1)).isPresent();
        assertThat(nearTop.transposed(2)).isEmpty();
        MelodyWindow nearBottom = window(Transpose.MELODY_LOW, 70, "C");
        assertThat(nearBottom.transposed(-1)).isEmpty();
    }

    @Test
    void zeroShiftIsAlwaysAllowed() {
        MelodyWindow outOfBand = window(30, 40, "C");
        assertThat(outOfBand.transposed(0)).containsSame(outOfBand);
    }

    @Test
    void rhythmFollowsTheTokens() {
        int[] rhythm = window(60, 67, "C").rhythm();
        assertThat(rhythm[0]).isEqualTo(0);
        assertThat(rhythm[1]).isEqualTo(1);
        assertThat(rhythm[2]).isEqualTo(2);
    }

    @Test
    void shapesAreChecked() {
        assertThatThrownBy(() -> new MelodyWindow("001", 0, new int[31], new float[384]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31");
        assertThatThrownBy(() -> new MelodyWindow("001", 0, new int[32], new float[12]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
    }
}
