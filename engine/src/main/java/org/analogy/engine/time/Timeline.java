package org.analogy.engine.time;

/**
 * An immutable, piecewise-linear map between wall-clock nanoseconds and musical position in 16th steps.
 * Step 0 is the downbeat of bar 0; bar {@code b} starts at step {@code b * meter.stepsPerBar()}.
 * The transport publishes a new Timeline whenever tempo or position changes (re-anchored at the change),
 * so readers on other threads get a consistent view from one volatile read.
 */
public record Timeline(long anchorNanos, double anchorStep, double nanosPerStep, Meter meter, boolean running) {

    public static final double MIN_BPM = 30.0;
    public static final double MAX_BPM = 300.0;

    public Timeline {
        if (!(nanosPerStep > 0) || Double.isInfinite(nanosPerStep)) {
            throw new IllegalArgumentException("nanosPerStep must be positive, was " + nanosPerStep);
        }
        if (meter == null) throw new IllegalArgumentException("meter is required");
    }

    public static Timeline of(double bpm, Meter meter, long anchorNanos, double anchorStep, boolean running) {
        return new Timeline(anchorNanos, anchorStep, nanosPerStepAt(bpm), meter, running);
    }

    public static double nanosPerStepAt(double bpm) {
        checkBpm(bpm);
        return 60e9 / (bpm * Meter.STEPS_PER_BEAT);
    }

    public static void checkBpm(double bpm) {
        if (!(bpm >= MIN_BPM && bpm <= MAX_BPM)) {
            throw new IllegalArgumentException("tempo " + bpm + " BPM is out of range " + (int) MIN_BPM + "–" + (int) MAX_BPM);
        }
    }

    public double bpm() {
        return 60e9 / (nanosPerStep * Meter.STEPS_PER_BEAT);
    }

    /** Musical position at a wall-clock time; when stopped, the position stays at the anchor. */
    public double stepAt(long nanos) {
        if (!running) return anchorStep;
        return anchorStep + (nanos - anchorNanos) / nanosPerStep;
    }

    /** Wall-clock time at which a musical position is (or was) reached at the current tempo. */
    public long nanosAt(double step) {
        return anchorNanos + Math.round((step - anchorStep) * nanosPerStep);
    }

    public int stepsPerBar() {
        return meter.stepsPerBar();
    }

    public long barStartStep(long bar) {
        return bar * meter.stepsPerBar();
    }

    /** The bar containing a position (floor, so negative positions are count-in bars). */
    public long barAt(double step) {
        return (long) Math.floor(step / meter.stepsPerBar());
    }

    public Timeline withTempo(double bpm, long atNanos) {
        return new Timeline(atNanos, stepAt(atNanos), nanosPerStepAt(bpm), meter, running);
    }

    public Timeline startedAt(long atNanos, double atStep) {
        return new Timeline(atNanos, atStep, nanosPerStep, meter, true);
    }

    public Timeline stoppedAt(long atNanos) {
        return new Timeline(atNanos, stepAt(atNanos), nanosPerStep, meter, false);
    }
}
