package org.analogy.engine.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency histograms per {@link Stage} and the engine's counters. Recording is wait-free and allocation-free
 * (HdrHistogram's {@link Recorder}), so the event path can record; readers take interval snapshots.
 */
public final class LatencyMetrics {

    /** Values are nanoseconds; anything above a minute is clamped (a stalled clock, not a latency). */
    private static final long MAX_NANOS = 60_000_000_000L;

    private final Map<Stage, Recorder> recorders = new EnumMap<>(Stage.class);
    private final Map<Stage, Histogram> totals = new EnumMap<>(Stage.class);

    public final AtomicLong deadlineMisses = new AtomicLong();
    public final AtomicLong lateEventsDropped = new AtomicLong();
    public final AtomicLong queueOverflows = new AtomicLong();
    public final AtomicLong processorErrors = new AtomicLong();
    public final AtomicLong coveredBars = new AtomicLong();
    public final AtomicLong barsGenerated = new AtomicLong();
    /** Bars rewritten while playing because a chord was played in the middle of them. */
    public final AtomicLong barsRevised = new AtomicLong();
    public final AtomicLong eventsSent = new AtomicLong();
    public final AtomicLong inputEvents = new AtomicLong();
    /** Outputs that came back after being unavailable (and were sent CC 123 before anything else). */
    public final AtomicLong outputsReturned = new AtomicLong();

    public LatencyMetrics() {
        for (Stage s : Stage.values()) {
            recorders.put(s, new Recorder(MAX_NANOS, 3));
            totals.put(s, new Histogram(MAX_NANOS, 3));
        }
    }

    public void record(Stage stage, long nanos) {
        recorders.get(stage).recordValue(Math.max(0, Math.min(MAX_NANOS, nanos)));
    }

    /**
     * Everything recorded since the last call, also added to the session totals. Call from one reader
     * thread (the status line or the bench), never from the event path.
     */
    public synchronized Map<Stage, Histogram> interval() {
        Map<Stage, Histogram> out = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            Histogram h = recorders.get(s).getIntervalHistogram();
            totals.get(s).add(h);
            out.put(s, h);
        }
        return out;
    }

    /** Everything recorded in the session so far. */
    public synchronized Map<Stage, Histogram> total() {
        interval();
        Map<Stage, Histogram> out = new EnumMap<>(Stage.class);
        totals.forEach((s, h) -> out.put(s, h.copy()));
        return out;
    }
}
