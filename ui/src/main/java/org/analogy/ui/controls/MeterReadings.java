package org.analogy.ui.controls;

import java.util.Map;

import org.analogy.engine.metrics.Stage;

/**
 * What the meters show: per-stage latency since the previous reading, and the session's counters.
 *
 * @param latency per stage, milliseconds; a stage with nothing recorded since the last reading is absent
 * @param lateDropped note-ons found past the late limit and dropped (the machine stalled when they were due)
 */
public record MeterReadings(Map<Stage, Latency> latency, long deadlineMisses, long coveredBars, long barsGenerated,
                            long inputEvents, long eventsSent, long processorErrors, long lateDropped) {

    public static final MeterReadings NONE = new MeterReadings(Map.of(), 0, 0, 0, 0, 0, 0, 0);

    public record Latency(double medianMs, double p99Ms, double maxMs, long count) {}
}
