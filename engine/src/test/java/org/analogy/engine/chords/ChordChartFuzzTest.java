package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.analogy.engine.Limits;

/**
 * Jazzer on chord charts as typed ({@code --chords}, a preset's chart, OSC {@code /analogy/chords/chart}):
 * any text is either a chart within the limits that reads back as itself, or refused with an
 * {@link IllegalArgumentException} of one short line. Seeds are plain text under
 * {@code src/test/resources/org/analogy/engine/repr/ChordChartFuzzTestInputs/}.
 */
class ChordChartFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyTextIsAChartThatReadsBackOrIsRefusedInOneLine(byte[] input) {
        long started = System.nanoTime();
        String text = new String(input, StandardCharsets.UTF_8);
        ChordChart chart;
        try {
            chart = ChordChart.parse(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).doesNotContain("\n").hasSizeLessThan(300);
            return;
        }
        assertThat(chart.bars()).isBetween(1, Limits.MAX_CHART_BARS);
        ChordChart again = ChordChart.parse(chart.toString());
        assertThat(again.toString()).isEqualTo(chart.toString());
        assertThat(again.bars()).isEqualTo(chart.bars());
        for (int stepsPerBar : new int[] {12, 16}) {
            assertThat(chart.perStep(0, chart.bars() * stepsPerBar, stepsPerBar)).hasSize(chart.bars() * stepsPerBar);
        }
        assertThat((System.nanoTime() - started) / 1e9).as("seconds for one chart").isLessThan(10.0);
    }
}
