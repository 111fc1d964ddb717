package org.analogy.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ParameterSpecTest {

    @Test
    void constrainClampsAndSnaps() {
        ParameterSpec transpose = ParameterSpec.continuous("t", "t", -24, 24, 1, "%+.0f");
        assertThat(transpose.constrain(3.4)).isEqualTo(3);
        assertThat(transpose.constrain(99)).isEqualTo(24);
        assertThat(transpose.constrain(Double.NaN)).isEqualTo(-24);
        ParameterSpec delay = ParameterSpec.choice("d", "d", List.of(1.0, 2.0, 4.0), "%.0f");
        assertThat(delay.constrain(3.1)).isEqualTo(4);
        assertThat(delay.constrain(0)).isEqualTo(1);
        assertThat(ParameterSpec.toggle("f", "f").constrain(0.7)).isEqualTo(1);
    }

    @Test
    void controllerValuesCoverTheWholeRange() {
        ParameterSpec alpha = ParameterSpec.continuous("a", "a", 0, 1, 0.01, "%.2f");
        assertThat(alpha.fromController(0)).isEqualTo(0);
        assertThat(alpha.fromController(127)).isEqualTo(1);
        assertThat(alpha.fromController(64)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        ParameterSpec delay = ParameterSpec.choice("d", "d", List.of(1.0, 2.0, 4.0), "%.0f");
        assertThat(List.of(delay.fromController(0), delay.fromController(64), delay.fromController(127))).containsExactly(1.0, 2.0, 4.0);
    }

    @Test
    void xyWeightsAreBilinearAndSumToOne() {
        assertThat(XyPadSpec.weights(0, 0)).containsExactly(1, 0, 0, 0);
        assertThat(XyPadSpec.weights(1, 1)).containsExactly(0, 0, 0, 1);
        double[] w = XyPadSpec.weights(0.25, 0.5);
        assertThat(w[0] + w[1] + w[2] + w[3]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[1]).isEqualTo(0.125);
        assertThatThrownBy(() -> ParameterSpec.continuous("x", "x", 1, 1, 0, "%f")).hasMessageContaining("x");
    }
}
