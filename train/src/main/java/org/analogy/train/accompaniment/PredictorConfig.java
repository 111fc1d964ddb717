package org.analogy.train.accompaniment;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.types.Shape;

import org.analogy.engine.chords.PredictorFeatures;
import org.analogy.train.nn.NamedWeights;

/**
 * Sizes of the next-bar chord predictor: a GRU over bars ({@code hidden}), a ReLU layer ({@code mlp}), and heads
 * for the next bar's 4 beat roots, 4 beat chromas and, when {@code zChord > 0}, the z_chord the accompaniment
 * model's chord encoder gives the 2-bar window starting at the next bar.
 */
public record PredictorConfig(int hidden, int mlp, int zChord) {

    public static final int BEATS = PredictorFeatures.BEATS_PER_BAR;
    public static final int ROOTS = PredictorFeatures.ROOT_CLASSES;

    public PredictorConfig {
        if (hidden < 1 || mlp < 1 || zChord < 0) throw new IllegalArgumentException("predictor sizes must be positive: " + hidden + ", " + mlp + ", " + zChord);
    }

    public int[] toInts() {
        return new int[]{hidden, mlp, zChord};
    }

    public static PredictorConfig fromInts(int[] v) {
        if (v.length != 3) throw new IllegalArgumentException("predictor config needs 3 sizes, got " + v.length);
        return new PredictorConfig(v[0], v[1], v[2]);
    }

    public Map<String, Shape> layout() {
        Map<String, Shape> l = new LinkedHashMap<>();
        NamedWeights.gru(l, "pred.gru", PredictorFeatures.BAR_FEATURES, hidden);
        NamedWeights.linear(l, "pred.mlp", hidden, mlp);
        NamedWeights.linear(l, "pred.root", mlp, BEATS * ROOTS);
        NamedWeights.linear(l, "pred.chroma", mlp, BEATS * 12);
        if (zChord > 0) NamedWeights.linear(l, "pred.z", mlp, zChord);
        return l;
    }
}
