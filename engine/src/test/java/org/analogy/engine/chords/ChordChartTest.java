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

    @Test
    void outerBarLinesAreTheChartsEdgesAndAnEmptyBarIsAnError() {
        assertThat(ChordChart.parse("C G |").toString()).isEqualTo("C G |"); // one bar, and it reads back as one
        assertThat(ChordChart.parse(ChordChart.parse("C G |").toString()).bars()).isEqualTo(1);
        assertThat(ChordChart.parse("| C | G |").bars()).isEqualTo(2);
        assertThat(ChordChart.parse("C G").bars()).isEqualTo(2);
        assertThatThrownBy(() -> ChordChart.parse("C || G")).hasMessage("chord chart 'C || G': bar 2 is empty (write N for a bar of no chord)");
        assertThatThrownBy(() -> ChordChart.parse("|")).hasMessageContaining("has no chords");
    }

    @Test
    void chartsAreBoundedInCharactersBarsAndChordsPerBar() {
        assertThatThrownBy(() -> ChordChart.parse("C ".repeat(org.analogy.engine.Limits.MAX_CHART_CHARS)))
                .hasMessageStartingWith("chord chart of " + 2 * org.analogy.engine.Limits.MAX_CHART_CHARS + " characters");
        assertThatThrownBy(() -> ChordChart.parse("C ".repeat(org.analogy.engine.Limits.MAX_CHART_BARS + 1)))
                .hasMessageStartingWith("chord chart of more than " + org.analogy.engine.Limits.MAX_CHART_BARS + " bars");
        assertThat(ChordChart.parse("C ".repeat(org.analogy.engine.Limits.MAX_CHART_BARS)).bars())
                .isEqualTo(org.analogy.engine.Limits.MAX_CHART_BARS);
        assertThatThrownBy(() -> ChordChart.parse("C D E F G A B C D E F G A | C"))
                .hasMessage("chord chart: bar 1 has 13 chords; at most 12 fit in a bar");
    }

    @Test
    void controlCharactersAreRefusedWithoutBeingQuoted() {
        assertThatThrownBy(() -> ChordChart.parse("C \u001b[2J G")).hasMessage(
                "chord chart has a control character (U+001B) at 3: allowed chord symbols, spaces and |")
                .message().doesNotContain("\u001b");
        assertThat(ChordChart.parse("C\tG\nAm").bars()).isEqualTo(3); // whitespace separates, as a space does
    }

    @Test
    void aLongSymbolIsRefusedWithoutBeingQuotedWhole() {
        String symbol = "Cb" + "\u00ff".repeat(5000);
        assertThatThrownBy(() -> ChordChart.parse("C " + symbol)).message().hasSizeLessThan(100).startsWith("chord chart: a chord symbol of 5002 characters");
    }

    @Test
    void errorsQuoteALongChartShortened() {
        String chart = "C | ".repeat(100) + "| G";
        assertThatThrownBy(() -> ChordChart.parse(chart)).message().hasSizeLessThan(140).contains("…");
    }
}
