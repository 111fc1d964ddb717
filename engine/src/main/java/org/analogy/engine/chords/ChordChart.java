package org.analogy.engine.chords;

import java.util.ArrayList;
import java.util.List;

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

    public static ChordChart parse(String chart) {
        if (chart == null || chart.isBlank()) throw new IllegalArgumentException("empty chord chart");
        List<List<Chord>> bars = new ArrayList<>();
        if (chart.contains("|")) {
            for (String bar : chart.split("\\|")) {
                if (bar.isBlank()) continue;
                List<Chord> chords = new ArrayList<>();
                for (String symbol : bar.trim().split("\\s+")) chords.add(symbol(symbol));
                bars.add(chords);
            }
        } else {
            for (String symbol : chart.trim().split("\\s+")) bars.add(List.of(symbol(symbol)));
        }
        if (bars.isEmpty()) throw new IllegalArgumentException("chord chart '" + chart + "' has no chords");
        return new ChordChart(bars);
    }

    /** A chart with the given chords in each bar (each bar split evenly between its chords). */
    public static ChordChart ofBarLists(List<List<Chord>> bars) {
        if (bars.isEmpty() || bars.stream().anyMatch(List::isEmpty)) throw new IllegalArgumentException("a chord chart needs at least one chord in every bar");
        return new ChordChart(bars.stream().map(List::copyOf).toList());
    }

    /** A chart of one chord per bar. */
    public static ChordChart ofBars(List<Chord> perBar) {
        List<List<Chord>> bars = new ArrayList<>();
        for (Chord c : perBar) bars.add(List.of(c));
        return new ChordChart(bars);
    }

    private static Chord symbol(String symbol) {
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
        return String.join(" | ", text);
    }
}
