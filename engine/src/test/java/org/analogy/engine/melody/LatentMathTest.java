package org.analogy.engine.melody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LatentMathTest {

    @Test
    void slerpEndsAtItsEndpointsAndKeepsTheNormAlongTheArc() {
        float[] a = {1, 0, 0};
        float[] b = {0, 1, 0};
        assertThat(LatentMath.slerp(a, b, 0)).containsExactly(new float[] {1, 0, 0}, offset(1e-6f));
        assertThat(LatentMath.slerp(a, b, 1)).containsExactly(new float[] {0, 1, 0}, offset(1e-6f));
        float[] mid = LatentMath.slerp(a, b, 0.5);
        assertThat(Math.hypot(mid[0], mid[1])).isCloseTo(1.0, offset(1e-6));
        assertThat(mid[0]).isCloseTo(mid[1], offset(1e-6f));
        float[] lerpMid = LatentMath.lerp(a, b, 0.5);
        assertThat(Math.hypot(lerpMid[0], lerpMid[1])).isLessThan(0.75); // the straight line cuts inside
    }

    @Test
    void nearlyParallelOrZeroVectorsFallBackToAStraightLine() {
        float[] a = {1, 2, 3};
        assertThat(LatentMath.slerp(a, a.clone(), 0.3)).containsExactly(a, offset(1e-5f));
        assertThat(LatentMath.slerp(new float[3], a, 0.5)).containsExactly(new float[] {0.5f, 1, 1.5f}, offset(1e-6f));
    }

    @Test
    void samplingIsSeededAndScaledByTemperature() {
        float[] one = LatentMath.samplePrior(256, 1.0, new Random(3));
        assertThat(LatentMath.samplePrior(256, 1.0, new Random(3))).containsExactly(one);
        for (float x : LatentMath.samplePrior(8, 0.0, new Random(3))) assertThat(x).isZero(); // the prior's centre
        double sd = 0;
        for (float x : one) sd += x * x;
        assertThat(Math.sqrt(sd / one.length)).isCloseTo(1.0, offset(0.15));
        float[] near = LatentMath.sampleAround(new float[] {5, 5}, 0.01, new Random(1));
        assertThat(LatentMath.distance(near, new float[] {5, 5})).isLessThan(0.1);
    }

    @Test
    void absurdParametersAreRefused() {
        assertThatThrownBy(() -> LatentMath.samplePrior(4, -1, new Random())).hasMessageContaining("temperature");
        assertThatThrownBy(() -> LatentMath.slerp(new float[2], new float[3], 0.5)).hasMessageContaining("sizes differ");
    }
}
