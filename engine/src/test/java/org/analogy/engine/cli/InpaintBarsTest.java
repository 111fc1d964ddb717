package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InpaintBarsTest {

    @Test
    void barsCountFromOneAndAreInclusive() {
        assertThat(InpaintCommand.parseBars("9-12")).containsExactly(8, 11);
        assertThat(InpaintCommand.parseBars(" 3 ")).containsExactly(2, 2);
    }

    @Test
    void malformedOrOversizedRangesNameTheFlag() {
        for (String bad : new String[]{"0-4", "12-9", "a-b", "1-2-3", ""}) {
            assertThatThrownBy(() -> InpaintCommand.parseBars(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bars");
        }
        assertThatThrownBy(() -> InpaintCommand.parseBars("1-17")).hasMessageContaining("at most 16 bars");
    }
}
