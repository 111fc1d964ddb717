package org.analogy.engine.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.analogy.engine.melody.MelodyTokens;

class MelodySimilarityTest {

    private static int[] tokens(int... notes) {
        int[] t = new int[8];
        Arrays.fill(t, MelodyTokens.REST);
        for (int i = 0; i + 1 < notes.length; i += 2) t[notes[i]] = notes[i + 1];
        return t;
    }

    @Test
    void identicalMelodiesAreFullySimilarAndSilenceMatchesOnlySilence() {
        int[] a = tokens(0, 60, 2, 64, 4, 67);
        assertThat(MelodySimilarity.pitchClasses(a, a)).isEqualTo(1.0, within(1e-12));
        assertThat(MelodySimilarity.onsets(a, a)).isEqualTo(1.0);
        int[] silence = tokens();
        assertThat(MelodySimilarity.onsets(silence, silence)).isEqualTo(1.0);
        assertThat(MelodySimilarity.pitchClasses(silence, a)).isZero();
        assertThat(MelodySimilarity.onsets(silence, a)).isZero();
    }

    @Test
    void onsetF1CountsSharedOnsetStepsWhateverThePitch() {
        int[] a = tokens(0, 60, 2, 64, 4, 67, 6, 72);
        int[] b = tokens(0, 50, 4, 51);
        assertThat(MelodySimilarity.onsets(b, a)).isEqualTo(2.0 * 2 / 6, within(1e-12));
    }

    @Test
    void pitchClassesCountSoundingStepsAndIgnoreOctaves() {
        int[] a = tokens(0, 60);
        a[1] = MelodyTokens.HOLD;                    // C for two steps
        int[] b = tokens(0, 72, 1, 48);              // C, C an octave apart
        assertThat(MelodySimilarity.pitchClasses(a, b)).isEqualTo(1.0, within(1e-12));
        assertThat(MelodySimilarity.pitchClasses(tokens(0, 60), tokens(0, 61))).isZero();
    }
}
