package org.analogy.engine.health;

import java.util.Map;

import org.HdrHistogram.Histogram;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.pipeline.LiveEngine;

/**
 * What one bar looked like, for the status line and for OSC listeners: read once per bar by the single
 * status reader (it takes the metrics' interval histograms, so there must be only one such reader).
 */
public record BarStatus(long bar, String chord, double bpm, double inferenceMillis, double schedulerP99Millis,
                        long misses, long lateDropped, long eventsIn, long eventsOut) {

    public static BarStatus of(LiveEngine engine, BarWindow w) {
        LatencyMetrics m = engine.metrics();
        Map<Stage, Histogram> interval = m.interval();
        Histogram inference = interval.get(Stage.INFERENCE);
        Histogram schedule = interval.get(Stage.SCHEDULE_ERROR);
        return new BarStatus(w.targetBar(), engine.chordInUse().isNone() ? "—" : engine.chordInUse().toSymbol(),
                engine.timeline().bpm(), inference.getTotalCount() == 0 ? 0.0 : inference.getMaxValue() / 1e6,
                schedule.getTotalCount() == 0 ? 0.0 : schedule.getValueAtPercentile(99) / 1e6,
                m.deadlineMisses.get(), m.lateEventsDropped.get(), m.inputEvents.get(), m.eventsSent.get());
    }

    public String line() {
        return String.format("bar %4d | chord %-6s | %5.1f BPM | inference %6.2f ms | sched p99 %5.3f ms | misses %d | late %d | in %d out %d",
                bar, chord, bpm, inferenceMillis, schedulerP99Millis, misses, lateDropped, eventsIn, eventsOut);
    }
}
