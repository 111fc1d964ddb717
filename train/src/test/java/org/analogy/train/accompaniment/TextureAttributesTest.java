package org.analogy.train.accompaniment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;

/** Attribute directions point from the windows low in an attribute to those high in it, and land in the bundle readable. */
class TextureAttributesTest {

    /** A roll with {@code n} onsets at {@code pitch}, on the beat or a 16th after it. */
    static int[][] roll(int n, int pitch, boolean offBeat) {
        int[][] r = new int[32][128];
        for (int i = 0; i < n; i++) r[(i * 4 + (offBeat ? 1 : 0)) % 32][pitch + i / 8] = 2;
        return r;
    }

    @Test
    void eachDirectionFollowsItsMeasureOnly() throws Exception {
        List<int[][]> rolls = new ArrayList<>();
        for (int i = 0; i < 16; i++) rolls.add(roll(2 + i % 4, 40 + 3 * (i % 5), i % 3 == 0));
        // latent = (onsets, mean pitch, off-beat share): each direction should move its own coordinate up
        Map<String, float[]> d = TextureAttributes.directions(rolls, r -> new float[] {
                (float) TextureAttributes.onsets(r), (float) TextureAttributes.meanPitch(r), (float) TextureAttributes.offBeatShare(r)});
        assertThat(d).containsOnlyKeys("density", "register", "syncopation");
        assertThat(d.get("density")[0]).isGreaterThan(1.5f);
        assertThat(d.get("register")[1]).isGreaterThan(5f);
        assertThat(d.get("syncopation")[2]).isEqualTo(1f);
        assertThatThrownBy(() -> TextureAttributes.directions(rolls.subList(0, 4), r -> new float[1])).hasMessageContaining("at least 8");
    }

    @Test
    void theFileIsWhatTheEngineReads(@TempDir Path dir) throws Exception {
        Map<String, float[]> d = Map.of("density", new float[] {1, 2}, "register", new float[] {0, -1}, "syncopation", new float[] {3, 0});
        TextureAttributes.write(dir, d, 100);
        AttributeOffsets offsets = AttributeOffsets.loadFromBundle(dir);
        assertThat(offsets.names(Factor.TEXTURE)).containsExactly("density", "register", "syncopation");
        float[] z = {0, 0};
        offsets.addTo(Factor.TEXTURE, Map.of("density", 0.5), z);
        assertThat(z).containsExactly(0.5f, 1f);
    }
}
