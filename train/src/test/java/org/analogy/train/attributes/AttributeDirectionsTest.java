package org.analogy.train.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;
import org.analogy.train.data.MelodyWindow;

/** Attribute directions point from the windows low in an attribute to those high in it, and land in the bundle readable. */
class AttributeDirectionsTest {

    /** A roll with {@code n} onsets at {@code pitch}, on the beat or a 16th after it. */
    static int[][] roll(int n, int pitch, boolean offBeat) {
        int[][] r = new int[32][128];
        for (int i = 0; i < n; i++) r[(i * 4 + (offBeat ? 1 : 0)) % 32][pitch + i / 8] = 2;
        return r;
    }

    @Test
    void eachTextureDirectionFollowsItsMeasureOnly() throws Exception {
        List<int[][]> rolls = new ArrayList<>();
        for (int i = 0; i < 16; i++) rolls.add(roll(2 + i % 4, 40 + 3 * (i % 5), i % 3 == 0));
        // latent = (onsets, mean pitch, off-beat share): each direction should move its own coordinate up
        Map<String, float[]> d = AttributeDirections.directions(rolls, AttributeDirections.TEXTURE, r -> Map.of(Factor.TEXTURE, new float[] {
                (float) AttributeDirections.rollOnsets(r), (float) AttributeDirections.rollMeanPitch(r), (float) AttributeDirections.rollOffBeatShare(r)}));
        assertThat(d).containsOnlyKeys("density", "register", "syncopation");
        assertThat(d.get("density")[0]).isGreaterThan(1.5f);
        assertThat(d.get("register")[1]).isGreaterThan(5f);
        assertThat(d.get("syncopation")[2]).isEqualTo(1f);
        assertThatThrownBy(() -> AttributeDirections.directions(rolls.subList(0, 4), AttributeDirections.TEXTURE, r -> Map.of()))
                .hasMessageContaining("at least 8");
    }

    @Test
    void melodyDirectionsTakeTheirFactorsLatent() throws Exception {
        List<MelodyWindow> windows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int[] tokens = new int[32];
            Arrays.fill(tokens, MelodyTokens.HOLD);
            tokens[0] = 60 + i;                                   // register rises with i
            for (int k = 1; k <= i % 4; k++) tokens[k * 8 + 2] = 62; // 0–3 more onsets, all off the beat
            windows.add(new MelodyWindow("s", i, tokens, new float[32 * 12]));
        }
        // pitch latent carries the first pitch, rhythm latent the onset count: each attribute reads its own factor
        Map<String, float[]> d = AttributeDirections.directions(windows, AttributeDirections.MELODY, w -> Map.of(
                Factor.PITCH, new float[] {w.tokens()[0]},
                Factor.RHYTHM, new float[] {(float) AttributeDirections.tokenOnsets(w.tokens())}));
        assertThat(d.get("density")[0]).isGreaterThan(2f);
        assertThat(d.get("syncopation")[0]).as("more off-beat onsets are more onsets here").isGreaterThan(0f);
        assertThat(d.get("register")[0]).isGreaterThan(5f);
        assertThat(AttributeDirections.tokenOffBeatShare(windows.get(3).tokens())).isEqualTo(0.75);
    }

    @Test
    void theFileIsWhatTheEngineReads(@TempDir Path dir) throws Exception {
        Map<String, float[]> d = Map.of("density", new float[] {1, 2}, "register", new float[] {0, -1}, "syncopation", new float[] {3, 0});
        AttributeDirections.write(dir, AttributeDirections.entries(AttributeDirections.TEXTURE, d, 100));
        AttributeOffsets offsets = AttributeOffsets.loadFromBundle(dir);
        assertThat(offsets.names(Factor.TEXTURE)).containsExactly("density", "register", "syncopation");
        float[] z = {0, 0};
        offsets.addTo(Factor.TEXTURE, Map.of("density", 0.5), z);
        assertThat(z).containsExactly(0.5f, 1f);
    }
}
