package org.analogy.engine.chords;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.Limits;

/**
 * A chord chart as a performer writes it: {@code "C G Am F"} is one chord per bar; {@code "C G | Am F"}
 * puts two chords in each bar, splitting it evenly. Symbols are lead-sheet chords ({@code Am7}, {@code G/B},
 * {@code Bbmaj7}, {@code N} for no chord). A chart repeats when the music is longer than it.
 */
public final class ChordChart {

    private final List<List<Chord>> bars;

    private ChordChart(List<List<Chord>> bars) {
        this.bars = List.copyOf(bars);
    }

    /**
     * Parses a chart. With bar lines, each {@code |}-separated part is one bar, as on a lead sheet: bar lines at
     * the very start or end are the chart's outer lines ({@code "| C G |"} is one bar of two chords), an empty
     * bar between two bar lines is an error. Limits: {@link Limits#MAX_CHART_CHARS} characters,
     * {@link Limits#MAX_CHART_BARS} bars, {@link Limits#MAX_CHORDS_PER_BAR} chords in a bar.
     */
    public static ChordChart parse(String chart) {
        if (chart == null || chart.isBlank()) throw new IllegalArgumentException("empty chord chart");
        if (chart.length() > Limits.MAX_CHART_CHARS) {
            throw new IllegalArgumentException("chord chart of " + chart.length() + " characters: at most "
                    + Limits.MAX_CHART_CHARS + " are taken");
        }
        for (int i = 0; i < chart.length(); i++) {
            int type = Character.getType(chart.charAt(i));
            if ((type == Character.CONTROL || type == Character.FORMAT) && !Character.isWhitespace(chart.charAt(i))) {
                // Not quoted: an escape sequence in an error message would reach the terminal.
                throw new IllegalArgumentException(String.format("chord chart has a control character (U+%04X) at %d:"
                        + " allowed chord symbols, spaces and |", (int) chart.charAt(i), i + 1));
            }
        }
        List<List<Chord>> bars = new ArrayList<>();
        if (chart.contains("|")) {
            String inner = chart.trim();
            if (inner.startsWith("|")) inner = inner.substring(1);
            if (inner.endsWith("|")) inner = inner.substring(0, inner.length() - 1);
            if (inner.isBlank()) throw new IllegalArgumentException("chord chart '" + clip(chart) + "' has no chords");
            String[] parts = inner.split("\\|", -1);
            for (int b = 0; b < parts.length; b++) {
                if (parts[b].isBlank()) {
                    throw new IllegalArgumentException("chord chart '" + clip(chart) + "': bar " + (b + 1)
                            + " is empty (write N for a bar of no chord)");
                }
                List<Chord> chords = new ArrayList<>();
                for (String symbol : parts[b].trim().split("\\s+")) chords.add(symbol(symbol));
                bars.add(chords);
                checkSize(bars);
            }
        } else {
            for (String symbol : chart.trim().split("\\s+")) {
                bars.add(List.of(symbol(symbol)));
                checkSize(bars);
            }
        }
        return new ChordChart(bars);
    }

    private static void checkSize(List<List<Chord>> bars) {
        if (bars.size() > Limits.MAX_CHART_BARS) {
            throw new IllegalArgumentException("chord chart of more than " + Limits.MAX_CHART_BARS + " bars: at most "
                    + Limits.MAX_CHART_BARS + " are taken (a chart repeats when the music is longer)");
        }
        int chords = bars.get(bars.size() - 1).size();
        if (chords > Limits.MAX_CHORDS_PER_BAR) {
            throw new IllegalArgumentException("chord chart: bar " + bars.size() + " has " + chords + " chords; at most "
                    + Limits.MAX_CHORDS_PER_BAR + " fit in a bar");
        }
    }

    private static String clip(String chart) {
        String oneLine = chart.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "…";
    }

    /** A chart with the given chords in each bar (each bar split evenly between its chords). */
    public static ChordChart ofBarLists(List<List<Chord>> bars) {
        if (bars.isEmpty() || bars.stream().anyMatch(List::isEmpty)) throw new IllegalArgumentException("a chord chart needs at least one chord in every bar");
        List<List<Chord>> copy = new ArrayList<>();
        for (List<Chord> bar : bars) {
            copy.add(List.copyOf(bar));
            checkSize(copy);
        }
        return new ChordChart(copy);
    }

    /** A chart of one chord per bar. */
    public static ChordChart ofBars(List<Chord> perBar) {
        List<List<Chord>> bars = new ArrayList<>();
        for (Chord c : perBar) bars.add(List.of(c));
        return new ChordChart(bars);
    }

    /** Longest chord symbol taken ("C#m7b5/G#" is 9): a longer one is refused without being quoted whole. */
    static final int MAX_SYMBOL_CHARS = 32;

    private static Chord symbol(String symbol) {
        if (symbol.length() > MAX_SYMBOL_CHARS) {
            throw new IllegalArgumentException("chord chart: a chord symbol of " + symbol.length() + " characters ('"
                    + symbol.substring(0, 8) + "…'): at most " + MAX_SYMBOL_CHARS);
        }
        return symbol.equalsIgnoreCase("N") || symbol.equals("-") ? Chord.NONE : Chord.parseSymbol(symbol);
    }

    public int bars() {
        return bars.size();
    }

    /** The chord sounding at a step (from the chart's first downbeat), repeating the chart. */
    public Chord at(long step, int stepsPerBar) {
        long bar = Math.floorDiv(step, stepsPerBar);
        List<Chord> chords = bars.get((int) Math.floorMod(bar, bars.size()));
        int within = (int) Math.floorMod(step, stepsPerBar);
        return chords.get(within * chords.size() / stepsPerBar);
    }

    /** One chord per step for {@code steps} steps starting at {@code firstStep}. */
    public List<Chord> perStep(long firstStep, int steps, int stepsPerBar) {
        List<Chord> out = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) out.add(at(firstStep + i, stepsPerBar));
        return out;
    }

    @Override
    public String toString() {
        List<String> text = new ArrayList<>();
        for (List<Chord> bar : bars) text.add(String.join(" ", bar.stream().map(Chord::toSymbol).toList()));
        // One bar of several chords keeps a bar line, so that the text reads back as one bar, not several.
        if (bars.size() == 1 && bars.get(0).size() > 1) return text.get(0) + " |";
        return String.join(" | ", text);
    }
}
