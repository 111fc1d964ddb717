package org.analogy.train.melody;

import static org.analogy.train.melody.MelodyVaeConfig.STEPS;

/** One-hot encodings of class sequences laid out {@code [B, 32, classes]}, built in Java before upload. */
final class OneHots {

    private OneHots() {
    }

    /** {@code classes[B*32]} → {@code [B*32*count]}. */
    static float[] of(int[] classes, int count) {
        float[] out = new float[classes.length * count];
        for (int i = 0; i < classes.length; i++) out[i * count + classes[i]] = 1f;
        return out;
    }

    /**
     * The decoder's "previous" input: step t holds the class of step t−1 of the same window, and step 0 is all
     * zeros (the start symbol). {@code classes[B*32]} → {@code [B*32*count]}.
     */
    static float[] shifted(int[] classes, int count) {
        float[] out = new float[classes.length * count];
        for (int i = 0; i < classes.length; i++) {
            if (i % STEPS == 0) continue;
            out[i * count + classes[i - 1]] = 1f;
        }
        return out;
    }
}
