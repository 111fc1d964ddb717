package org.analogy.engine.time;

import java.util.Random;
import java.util.function.LongToDoubleFunction;

/**
 * A DAW's MIDI clock for tests: the ideal time of every clock under a tempo curve (BPM as a function of the
 * clock number), and the arrival times with uniform jitter from a seeded Random. Knows the true musical
 * position at any time, to measure a follower against.
 */
final class SyntheticMidiClock {

    static final long MS = 1_000_000L;

    private final long[] ideal;
    private final long[] arrival;
    private final double[] bpm;

    /**
     * @param clocks   how many clocks
     * @param startNanos ideal time of clock 0
     * @param tempo    BPM in effect from clock k to clock k + 1
     * @param jitterNanos arrivals are ideal ± this, uniform
     */
    SyntheticMidiClock(int clocks, long startNanos, LongToDoubleFunction tempo, long jitterNanos, long seed) {
        ideal = new long[clocks];
        arrival = new long[clocks];
        bpm = new double[clocks];
        Random random = new Random(seed);
        double t = startNanos;
        for (int k = 0; k < clocks; k++) {
            bpm[k] = tempo.applyAsDouble(k);
            ideal[k] = Math.round(t);
            double jitter = jitterNanos == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitterNanos;
            arrival[k] = Math.round(t + jitter);
            t += 60e9 / (24 * bpm[k]);
        }
    }

    static SyntheticMidiClock steady(int clocks, long startNanos, double bpm, long jitterNanos, long seed) {
        return new SyntheticMidiClock(clocks, startNanos, k -> bpm, jitterNanos, seed);
    }

    int clocks() {
        return ideal.length;
    }

    long arrival(int k) {
        return arrival[k];
    }

    long ideal(int k) {
        return ideal[k];
    }

    /** The tempo between clock k and k + 1. */
    double bpm(int k) {
        return bpm[k];
    }

    /** True position in steps (clock 0 = {@code stepAtClockZero}) at a time between clock k and clock k + 1. */
    double truePosition(int k, long nanos, double stepAtClockZero) {
        double period = 60e9 / (24 * bpm[k]);
        return stepAtClockZero + (k + (nanos - ideal[k]) / period) / MidiClockFollower.CLOCKS_PER_STEP;
    }
}
