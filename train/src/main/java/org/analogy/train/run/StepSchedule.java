package org.analogy.train.run;

import java.util.SplittableRandom;

/**
 * What every trainer's step draws from its step number alone, so that a resumed run draws exactly what the
 * uninterrupted one did: the decayed learning rate, the warmed-up KL weight, and the step's random generator.
 */
public final class StepSchedule {

    private StepSchedule() {
    }

    /** {@code lr0 · decay^step}, floored at {@code min}. */
    public static float learningRate(float lr0, double decay, float min, long step) {
        return (float) Math.max(min, lr0 * Math.pow(decay, step));
    }

    /** Linear from 0 at step 0 to {@code max} at {@code warmup}, then constant. */
    public static float beta(float max, long warmup, long step) {
        return warmup <= 0 ? max : max * Math.min(1f, (float) step / warmup);
    }

    /** The generator of a step's noise and masks: a function of (seed, step). */
    public static SplittableRandom random(long seed, long step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (step * 0xC2B2AE3D27D4EB4FL + 1));
    }
}
