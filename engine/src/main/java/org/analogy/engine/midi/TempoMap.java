package org.analogy.engine.midi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ticks to seconds for a piece whose tempo changes. Before the first change the SMF default of 120 BPM
 * applies; when several changes share a tick the last one read wins.
 */
public final class TempoMap {

    private final int resolution;
    private final List<TempoChange> changes;
    private final long[] ticks;
    private final int[] micros;
    private final double[] secondsAtChange;

    public TempoMap(int resolution, List<TempoChange> tempoChanges) {
        if (resolution <= 0) throw new IllegalArgumentException("resolution must be positive, was " + resolution);
        this.resolution = resolution;
        List<TempoChange> sorted = new ArrayList<>(tempoChanges);
        sorted.sort(Comparator.comparingLong(TempoChange::tick)); // stable: file order kept within a tick
        List<TempoChange> effective = new ArrayList<>();
        for (TempoChange change : sorted) {
            if (!effective.isEmpty() && effective.get(effective.size() - 1).tick() == change.tick()) {
                effective.remove(effective.size() - 1);
            }
            effective.add(change);
        }
        if (effective.isEmpty() || effective.get(0).tick() > 0) {
            effective.add(0, new TempoChange(0, TempoChange.DEFAULT_MICROS_PER_QUARTER));
        }
        this.changes = List.copyOf(effective);
        int n = changes.size();
        ticks = new long[n];
        micros = new int[n];
        secondsAtChange = new double[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = changes.get(i).tick();
            micros[i] = changes.get(i).microsPerQuarter();
            if (i > 0) secondsAtChange[i] = secondsAtChange[i - 1] + seconds(ticks[i] - ticks[i - 1], micros[i - 1]);
        }
    }

    public int resolution() {
        return resolution;
    }

    /** The tempo changes in effect, sorted, starting at tick 0. */
    public List<TempoChange> changes() {
        return changes;
    }

    public double secondsAt(long tick) {
        int i = segmentOf(tick);
        return secondsAtChange[i] + seconds(tick - ticks[i], micros[i]);
    }

    public int microsPerQuarterAt(long tick) {
        return micros[segmentOf(tick)];
    }

    public double bpmAt(long tick) {
        return 60_000_000.0 / microsPerQuarterAt(tick);
    }

    private double seconds(long tickCount, int microsPerQuarter) {
        return tickCount * (double) microsPerQuarter / (resolution * 1_000_000.0);
    }

    /** Index of the last change at or before {@code tick} (negative ticks use the first tempo). */
    private int segmentOf(long tick) {
        int low = 0;
        int high = ticks.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (ticks[mid] <= tick) low = mid; else high = mid - 1;
        }
        return low;
    }
}
