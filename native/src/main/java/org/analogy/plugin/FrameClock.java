package org.analogy.plugin;

/**
 * Host frames ↔ {@link System#nanoTime()} for one plugin instance: a straight line through an anchor
 * (a host frame and the nanoTime it began), with a slope in nanoseconds per frame. The plugin stamps each
 * process call with CLOCK_MONOTONIC, the clock nanoTime reads, so no calibration between clocks is needed —
 * but a process call begins some time after its frames are due (the host's wake-up latency, milliseconds
 * on a busy machine without real-time scheduling), and the host's frame clock runs a little off the system
 * clock (a sound card's crystal, a dummy driver's rounded period).
 *
 * <p>So the line follows the <em>earliest</em> starts, not each one: over every window of {@link
 * #WINDOW_NANOS} the block that began least late is kept; when the line is off it by more than {@link
 * #TOLERANCE_NANOS}, the line is re-anchored there — beyond {@link #STEP_NANOS} as a step (the host lost
 * cycles: slope kept), else as drift, with the slope measured between such points over at least {@link
 * #MIN_BASELINE_NANOS} (clamped to ±{@link #MAX_PPM} ppm of nominal). A block beginning more than {@link #EARLY_NANOS} before the line, or a
 * jump in the host frames (an xrun, a re-activation), re-anchors at once. Every re-anchor is counted and
 * reported, because the engine's transport is re-told from it and events in flight move with it; between
 * re-anchors the map does not change at all, so an event due at a frame the engine was told of comes out at
 * that frame exactly.
 *
 * <p>One thread (the relay) calls {@link #onBlock}; any thread converts through the published {@link Line}.
 */
final class FrameClock {

    static final long WINDOW_NANOS = 1_000_000_000L;
    static final long TOLERANCE_NANOS = 200_000;
    static final long EARLY_NANOS = 1_000_000;
    static final double MAX_PPM = 500;
    /** A window's earliest block off the line by more than this is a step (lost cycles), not drift. */
    static final long STEP_NANOS = 2_000_000;
    /** The slope is measured only over at least this long a baseline (shorter ones measure jitter). */
    static final long MIN_BASELINE_NANOS = 5_000_000_000L;

    /** The map: frame {@code f} is at {@code nanos + (f − frame) × nanosPerFrame}. Immutable. */
    record Line(long frame, long nanos, double nanosPerFrame) {
        long nanosAt(long f) {
            return nanos + Math.round((f - frame) * nanosPerFrame);
        }

        long frameAt(long t) {
            return frame + Math.round((t - nanos) / nanosPerFrame);
        }
    }

    private volatile Line line;
    private volatile long reanchors;
    private double nominalNanosPerFrame;
    private long expectedFrame = -1;
    // the current window's earliest block, relative to the line
    private long windowEnds;
    private long windowFrame;
    private long windowNanos;
    private double windowDeviation = Double.MAX_VALUE;
    // the first window's earliest block since the last re-anchor: one end of the slope's baseline
    private long baseFrame = -1;
    private long baseNanos;

    Line line() {
        return line;
    }

    long reanchors() {
        return reanchors;
    }

    /**
     * One block as the plugin stamped it. Returns true when the line moved (the caller re-tells the
     * transport).
     */
    boolean onBlock(long frame, int frames, long monotonicNanos, int sampleRate) {
        double nominal = 1e9 / (sampleRate > 0 ? sampleRate : 48_000);
        Line current = line;
        boolean jump = frame != expectedFrame || nominal != nominalNanosPerFrame;
        expectedFrame = frame + frames;
        if (current == null || jump) {
            nominalNanosPerFrame = nominal;
            anchor(new Line(frame, monotonicNanos, nominal), current != null);
            baseFrame = -1;
            return true;
        }
        double deviation = monotonicNanos - current.nanosAt(frame);
        if (deviation < -EARLY_NANOS) {
            anchor(new Line(frame, monotonicNanos, current.nanosPerFrame()), true);
            baseFrame = -1;
            return true;
        }
        if (deviation < windowDeviation) {
            windowDeviation = deviation;
            windowFrame = frame;
            windowNanos = monotonicNanos;
        }
        if (monotonicNanos < windowEnds) return false;
        // a window is complete: its earliest block is the best sight of where the frames really are
        boolean moved = false;
        if (baseFrame < 0) {
            baseFrame = windowFrame;
            baseNanos = windowNanos;
        } else if (Math.abs(windowDeviation) > STEP_NANOS) {
            // a step, not drift: the host lost time (an xrun) — move the line, keep its slope, measure afresh
            anchor(new Line(windowFrame, windowNanos, current.nanosPerFrame()), true);
            baseFrame = windowFrame;
            baseNanos = windowNanos;
            moved = true;
        } else if (Math.abs(windowDeviation) > TOLERANCE_NANOS) {
            // drift: the host's frames run off the system clock; the slope from a long enough baseline
            double slope = current.nanosPerFrame();
            boolean measured = windowNanos - baseNanos >= MIN_BASELINE_NANOS;
            if (measured) {
                double limit = nominalNanosPerFrame * MAX_PPM / 1e6;
                double perFrame = (windowNanos - baseNanos) / (double) (windowFrame - baseFrame);
                slope = Math.max(nominalNanosPerFrame - limit, Math.min(nominalNanosPerFrame + limit, perFrame));
            }
            anchor(new Line(windowFrame, windowNanos, slope), true);
            if (measured) { // else the baseline grows on from the same first point
                baseFrame = windowFrame;
                baseNanos = windowNanos;
            }
            moved = true;
        }
        windowEnds = monotonicNanos + WINDOW_NANOS;
        windowDeviation = Double.MAX_VALUE;
        return moved;
    }

    private void anchor(Line next, boolean count) {
        line = next;
        if (count) reanchors++;
        windowEnds = next.nanos() + WINDOW_NANOS;
        windowDeviation = Double.MAX_VALUE;
    }
}
