package org.analogy.engine.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.analogy.engine.melody.LatentMath;

class LatentTransformsTest {

    static final float[] LIVE = {1, 0, 0, 0};
    static final float[] A = {0, 1, 0, 0};
    static final float[] B = {0, 0, 1, 0};
    static final float[] C = {0, 0, 0, 1};
    static final float[] D = {0, -1, 0, 0};

    static float[] apply(FactorTransform t, List<float[]> refs, float[] held, long bar) {
        return LatentTransforms.apply(Factor.PITCH, t, LIVE, refs, held, bar, AttributeOffsets.NONE);
    }

    @Test
    void liveKeepsTheLatentAndSwapTakesTheReference() {
        assertThat(apply(FactorTransform.LIVE, List.of(), null, 0)).containsExactly(LIVE);
        assertThat(apply(FactorTransform.swap("a"), List.of(A), null, 0)).containsExactly(A);
    }

    @Test
    void slerpRunsFromLiveToTheReferenceAlongTheArc() {
        assertThat(apply(FactorTransform.slerp("a", 0), List.of(A), null, 0)).containsExactly(LIVE);
        float[] end = apply(FactorTransform.slerp("a", 1), List.of(A), null, 0);
        assertThat(LatentMath.distance(end, A)).isLessThan(1e-6);
        float[] mid = apply(FactorTransform.slerp("a", 0.5), List.of(A), null, 0);
        // on the arc between two unit vectors: unit length, equally far from both
        assertThat(Math.hypot(mid[0], mid[1])).isCloseTo(1.0, within(1e-6));
        assertThat(mid[0]).isCloseTo(mid[1], within(1e-6f));
    }

    @Test
    void theXyPadGivesEachCornerExactlyAndBlendsBetween() {
        List<float[]> corners = List.of(A, B, C, D);
        double[][] at = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        for (int i = 0; i < 4; i++) {
            float[] z = apply(FactorTransform.xy(List.of("a", "b", "c", "d"), at[i][0], at[i][1]), corners, null, 0);
            assertThat(LatentMath.distance(z, corners.get(i))).as("corner %d", i).isLessThan(1e-6);
        }
        float[] centre = apply(FactorTransform.xy(List.of("a", "b", "c", "d"), 0.5, 0.5), corners, null, 0);
        assertThat(centre[2]).isGreaterThan(0.1f); // B and C both pull it
        assertThat(centre[3]).isGreaterThan(0.1f);
    }

    @Test
    void sampleIsReproduciblePerBarAndSpreadsWithTemperature() {
        FactorTransform cool = FactorTransform.sample(0.1, 42);
        FactorTransform hot = FactorTransform.sample(1.5, 42);
        assertThat(apply(cool, List.of(), null, 3)).containsExactly(apply(cool, List.of(), null, 3));
        assertThat(apply(cool, List.of(), null, 3)).isNotEqualTo(apply(cool, List.of(), null, 4));
        double near = 0;
        double far = 0;
        for (long bar = 0; bar < 200; bar++) {
            near += LatentMath.distance(apply(cool, List.of(), null, bar), LIVE);
            far += LatentMath.distance(apply(hot, List.of(), null, bar), LIVE);
        }
        assertThat(far / near).isCloseTo(15.0, within(2.0));
        assertThat(apply(FactorTransform.sample(0, 1), List.of(), null, 9)).containsExactly(LIVE);
    }

    @Test
    void sampleAroundAReferenceCentresOnIt() {
        FactorTransform t = new FactorTransform(TransformKind.SAMPLE, List.of("a"), 0, 0, 0, 0.0, 5, Map.of());
        assertThat(apply(t, List.of(A), null, 0)).containsExactly(A);
    }

    @Test
    void freezeHoldsThePreviousValueAndTheLiveOneWhenThereIsNone() {
        assertThat(apply(FactorTransform.FROZEN, List.of(), B, 10)).containsExactly(B);
        assertThat(apply(FactorTransform.FROZEN, List.of(), null, 10)).containsExactly(LIVE);
    }

    @Test
    void attributeOffsetsAddTheirDirectionScaled() {
        AttributeOffsets offsets = AttributeOffsets.of(Map.of(Factor.RHYTHM, Map.of("density", new float[] {0, 0, 0, 2})));
        FactorTransform t = FactorTransform.swap("a").withAttributes(Map.of("density", 1.5));
        float[] z = LatentTransforms.apply(Factor.RHYTHM, t, LIVE, List.of(A), null, 0, offsets);
        assertThat(z).containsExactly(0, 1, 0, 3);
        assertThatThrownBy(() -> LatentTransforms.apply(Factor.PITCH, t, LIVE, List.of(A), null, 0, offsets))
                .hasMessageContaining("no attribute 'density' for pitch");
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingAndRange() {
        assertThatThrownBy(() -> FactorTransform.slerp("a", 1.2)).hasMessage("alpha 1.2: allowed 0–1");
        assertThatThrownBy(() -> FactorTransform.sample(3, 0)).hasMessage("temperature 3: allowed 0–2");
        assertThatThrownBy(() -> FactorTransform.xy(List.of("a", "b"), 0, 0)).hasMessageContaining("xy takes 4 reference clip(s), not 2");
        assertThatThrownBy(() -> apply(FactorTransform.swap("a"), List.of(new float[] {1, 2}), null, 0))
                .hasMessageContaining("reference latent has 2 values, the live one 4");
    }

    @Test
    void mixWeightsSumToOneForTheXyPad() {
        double[] w = FactorTransform.xy(List.of("a", "b", "c", "d"), 0.3, 0.8).mixWeights();
        assertThat(w[0]).isZero();
        assertThat(w[1] + w[2] + w[3] + w[4]).isCloseTo(1.0, within(1e-12));
        assertThat(w[4]).isCloseTo(0.24, within(1e-12));
    }
}
