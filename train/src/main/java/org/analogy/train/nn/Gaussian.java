package org.analogy.train.nn;

import java.util.SplittableRandom;

/** Standard normal draws in Java (Box–Muller), so training noise depends only on the seed, not on PyTorch. */
public final class Gaussian {

    private Gaussian() {
    }

    public static float[] draw(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i += 2) {
            // two normals per pair of uniforms
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            values[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < n) values[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
        }
        return values;
    }
}
