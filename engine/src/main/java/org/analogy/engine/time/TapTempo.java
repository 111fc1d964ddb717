package org.analogy.engine.time;

import java.util.Arrays;

/**
 * Turns taps (their times in nanos) into a tempo.
 *
 * <p>The tempo is the median of the last {@value #INTERVALS_KEPT} tap intervals. A single misplaced tap
 * spoils two intervals (one short, one long) and a missed tap one; a median of five shrugs off either,
 * where a mean would be dragged along. A pause longer than {@link #RESTART_AFTER_NANOS} (the interval of
 * the slowest allowed tempo, 30 BPM) starts a new series, so the performer can tap a fresh tempo without
 * the old taps voting. A tap closer than the interval of 300 BPM to the previous one is a bounce or a
 * double hit and is ignored. Both limits keep every interval, and so the result, inside 30–300 BPM.
 *
 * <p>Used by one thread (the capture thread); allocates nothing per tap.
 */
public final class TapTempo {

    static final int INTERVALS_KEPT = 5;
    static final long RESTART_AFTER_NANOS = Math.round(60e9 / Timeline.MIN_BPM);
    static final long MIN_INTERVAL_NANOS = Math.round(60e9 / Timeline.MAX_BPM);

    private final long[] intervals = new long[INTERVALS_KEPT];
    private final long[] sorted = new long[INTERVALS_KEPT];
    private int intervalCount;
    private int nextSlot;
    private long lastTapNanos;
    private boolean hasTapped;
    private double bpm = Double.NaN;

    /**
     * Records a tap and returns the tempo so far in BPM, or NaN while there is no tempo yet (first tap of
     * a series).
     */
    public double tap(long nanos) {
        if (!hasTapped || nanos - lastTapNanos > RESTART_AFTER_NANOS || nanos < lastTapNanos) {
            restartAt(nanos);
            return bpm;
        }
        long interval = nanos - lastTapNanos;
        if (interval < MIN_INTERVAL_NANOS) return bpm;
        lastTapNanos = nanos;
        intervals[nextSlot] = interval;
        nextSlot = (nextSlot + 1) % INTERVALS_KEPT;
        if (intervalCount < INTERVALS_KEPT) intervalCount++;
        bpm = 60e9 / medianInterval();
        return bpm;
    }

    /** The tempo from the current series, NaN before its second tap. */
    public double bpm() {
        return bpm;
    }

    public boolean hasTempo() {
        return !Double.isNaN(bpm);
    }

    /** Forgets all taps. */
    public void reset() {
        hasTapped = false;
        intervalCount = 0;
        nextSlot = 0;
        bpm = Double.NaN;
    }

    private void restartAt(long nanos) {
        reset();
        hasTapped = true;
        lastTapNanos = nanos;
    }

    private double medianInterval() {
        System.arraycopy(intervals, 0, sorted, 0, intervalCount);
        Arrays.sort(sorted, 0, intervalCount);
        int mid = intervalCount / 2;
        if (intervalCount % 2 == 1) return sorted[mid];
        return (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
