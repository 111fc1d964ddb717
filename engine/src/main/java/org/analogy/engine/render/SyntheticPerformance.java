package org.analogy.engine.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.analogy.engine.time.Meter;

/**
 * A plausible performer, for benchmarks, soak runs and tests: a melody walking through a major scale in
 * rhythms a person would play (quarters, eighths, dotted figures, syncopation, rests), with a left-hand
 * chord on most downbeats, velocities that vary, and onsets up to ±15% of a 16th off the grid. Seeded,
 * so every run plays the same thing.
 */
public final class SyntheticPerformance {

    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    /** Rhythm cells of one beat, as onset offsets in 16ths and lengths. */
    private static final int[][][] BEAT_CELLS = {
            {{0, 4}},                       // quarter
            {{0, 2}, {2, 2}},               // two eighths
            {{0, 3}, {3, 1}},               // dotted eighth + 16th
            {{0, 1}, {1, 1}, {2, 1}, {3, 1}}, // four 16ths
            {{1, 2}, {3, 1}},               // syncopated
            {},                             // rest
    };

    private SyntheticPerformance() {}

    public static PerformanceInput generate(Meter meter, int bars, double bpm, long seed) {
        Random random = new Random(seed);
        List<PerformanceInput.Message> messages = new ArrayList<>();
        int key = random.nextInt(12);
        int degree = 7 + random.nextInt(5); // around the middle of the scale's second octave
        int beats = meter.beatsPerBar();
        for (int bar = 0; bar < bars; bar++) {
            int barStart = bar * meter.stepsPerBar();
            if (random.nextInt(4) != 0) {
                int root = 48 + key + MAJOR[random.nextInt(MAJOR.length)];
                for (int interval : new int[] {0, 4, 7}) {
                    note(messages, random, barStart, meter.stepsPerBar() - 1, root + interval, 50 + random.nextInt(30));
                }
            }
            for (int beat = 0; beat < beats; beat++) {
                for (int[] cell : BEAT_CELLS[random.nextInt(BEAT_CELLS.length)]) {
                    degree = Math.max(0, Math.min(20, degree + random.nextInt(5) - 2));
                    int pitch = 60 + key + 12 * (degree / 7) + MAJOR[degree % 7] - 12;
                    note(messages, random, barStart + beat * 4 + cell[0], cell[1], pitch, 60 + random.nextInt(50));
                }
            }
        }
        return new PerformanceInput(meter, bpm, messages, List.of());
    }

    private static void note(List<PerformanceInput.Message> out, Random random, int step, int length, int pitch, int velocity) {
        double on = Math.max(0, step + (random.nextDouble() - 0.5) * 0.3);
        double off = on + length * (0.6 + 0.35 * random.nextDouble());
        out.add(new PerformanceInput.Message(on, 0x90, pitch, velocity));
        out.add(new PerformanceInput.Message(off, 0x80, pitch, 0));
    }
}
