package org.analogy.train.latent;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.types.Shape;

import org.analogy.engine.latent.LatentFeatures;
import org.analogy.train.nn.NamedWeights;

/**
 * Sizes of the latent predictor: for each direction ({@code fwd} predicts the next window, {@code bwd} the
 * previous one) a GRU over windows ({@code hidden}), a ReLU layer ({@code mlp}) and a linear head to the
 * predicted window's z_pitch and z_rhythm.
 */
public record LatentConfig(int hidden, int mlp, int zPitch, int zRhythm) {

    public static final String[] DIRECTIONS = {"fwd", "bwd"};

    public LatentConfig {
        if (hidden < 1 || mlp < 1 || zPitch < 1 || zRhythm < 1) {
            throw new IllegalArgumentException("latent predictor sizes must be positive: " + hidden + ", " + mlp + ", " + zPitch + ", " + zRhythm);
        }
    }

    public int zSize() {
        return zPitch + zRhythm;
    }

    public int features() {
        return LatentFeatures.size(zPitch, zRhythm);
    }

    public int[] toInts() {
        return new int[]{hidden, mlp, zPitch, zRhythm};
    }

    public static LatentConfig fromInts(int[] v) {
        if (v.length != 4) throw new IllegalArgumentException("latent predictor config needs 4 sizes, got " + v.length);
        return new LatentConfig(v[0], v[1], v[2], v[3]);
    }

    public Map<String, Shape> layout() {
        Map<String, Shape> l = new LinkedHashMap<>();
        for (String d : DIRECTIONS) {
            NamedWeights.gru(l, d + ".gru", features(), hidden);
            NamedWeights.linear(l, d + ".mlp", hidden, mlp);
            NamedWeights.linear(l, d + ".z", mlp, zSize());
        }
        return l;
    }
}
