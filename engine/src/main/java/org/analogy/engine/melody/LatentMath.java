package org.analogy.engine.melody;

import java.util.Random;

/** Moving through latent space: spherical interpolation, as the paper (and MusicVAE) does, and sampling. */
public final class LatentMath {

    private LatentMath() {}

    /**
     * Spherical interpolation from {@code a} (α = 0) to {@code b} (α = 1). Gaussian latents live near a
     * sphere, and the straight line between two points passes through its low-density inside; the arc does
     * not. Nearly parallel vectors fall back to a straight line.
     */
    public static float[] slerp(float[] a, float[] b, double alpha) {
        check(a, b);
        double na = norm(a);
        double nb = norm(b);
        if (na == 0 || nb == 0) return lerp(a, b, alpha);
        double cos = 0;
        for (int i = 0; i < a.length; i++) cos += a[i] * b[i];
        cos = Math.max(-1, Math.min(1, cos / (na * nb)));
        double omega = Math.acos(cos);
        if (omega < 1e-4) return lerp(a, b, alpha);
        double sin = Math.sin(omega);
        double wa = Math.sin((1 - alpha) * omega) / sin;
        double wb = Math.sin(alpha * omega) / sin;
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (float) (wa * a[i] + wb * b[i]);
        return out;
    }

    public static float[] lerp(float[] a, float[] b, double alpha) {
        check(a, b);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (float) ((1 - alpha) * a[i] + alpha * b[i]);
        return out;
    }

    /** A draw from the prior N(0, I) scaled by {@code temperature} (0 gives the prior's centre). */
    public static float[] samplePrior(int size, double temperature, Random random) {
        checkTemperature(temperature);
        float[] out = new float[size];
        for (int i = 0; i < size; i++) out[i] = (float) (random.nextGaussian() * temperature);
        return out;
    }

    /** A point near {@code centre}: Gaussian noise of standard deviation {@code temperature} added. */
    public static float[] sampleAround(float[] centre, double temperature, Random random) {
        checkTemperature(temperature);
        float[] out = new float[centre.length];
        for (int i = 0; i < centre.length; i++) out[i] = (float) (centre[i] + random.nextGaussian() * temperature);
        return out;
    }

    public static double distance(float[] a, float[] b) {
        check(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        return Math.sqrt(s);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += x * (double) x;
        return Math.sqrt(s);
    }

    private static void check(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("latent sizes differ: " + a.length + " and " + b.length);
    }

    private static void checkTemperature(double t) {
        if (!(t >= 0 && t <= 5)) throw new IllegalArgumentException("temperature " + t + ": allowed 0–5");
    }
}
