package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChordChartTest {

    @Test
    void oneChordPerBarRepeatingTheChart() {
        ChordChart chart = ChordChart.parse("C G Am F");
        assertThat(chart.bars()).isEqualTo(4);
        assertThat(chart.at(0, 16).toSymbol()).isEqualTo("C");
        assertThat(chart.at(17, 16).toSymbol()).isEqualTo("G");
        assertThat(chart.at(63, 16).toSymbol()).isEqualTo("F");
        assertThat(chart.at(64, 16).toSymbol()).isEqualTo("C"); // bar 4 is bar 0 again
    }

    @Test
    void barsSeparatedByBarsSplitEvenly() {
        ChordChart chart = ChordChart.parse("C G | Am7 | Dm7 G7 C Cmaj7");
        assertThat(chart.bars()).isEqualTo(3);
        assertThat(chart.perStep(0, 16, 16)).extracting(Chord::toSymbol).startsWith("C").endsWith("G");
        assertThat(chart.at(7, 16).toSymbol()).isEqualTo("C");
        assertThat(chart.at(8, 16).toSymbol()).isEqualTo("G");
        assertThat(chart.at(16 + 15, 16).toSymbol()).isEqualTo("Am7");
        assertThat(chart.at(32 + 4, 16).toSymbol()).isEqualTo("G7");
        assertThat(chart.at(32 + 12, 16).toSymbol()).isEqualTo("Cmaj7");
    }

    @Test
    void noChordAndSlashChords() {
        ChordChart chart = ChordChart.parse("N G/B");
        assertThat(chart.at(0, 16).isNone()).isTrue();
        assertThat(chart.at(16, 16).bass()).isEqualTo(11);
    }

    @Test
    void badChartsNameTheProblem() {
        assertThatThrownBy(() -> ChordChart.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ChordChart.parse("C Hm")).hasMessageContaining("Hm");
        assertThatThrownBy(() -> ChordChart.parse("C Cxyz")).hasMessageContaining("xyz");
    }
}
