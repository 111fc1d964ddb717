package org.analogy.ui.controls;

import org.analogy.engine.pipeline.CaptureStage.ClockSource;
import org.analogy.engine.time.Meter;

/**
 * The transport as the window shows it.
 *
 * @param step musical position now, in 16th steps (negative during a count-in)
 */
public record TransportState(double bpm, Meter meter, boolean running, double step, int countInBars, ClockSource clock) {

    public long bar() {
        return (long) Math.floor(step / meter.stepsPerBar());
    }

    /** 1-based beat within the bar. */
    public int beat() {
        double inBar = step - bar() * (double) meter.stepsPerBar();
        return (int) Math.floor(inBar / Meter.STEPS_PER_BEAT) + 1;
    }
}
