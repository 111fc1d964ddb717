package org.analogy.train.accompaniment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

import static org.analogy.train.accompaniment.PredictorConfig.BEATS;
import static org.analogy.train.accompaniment.PredictorConfig.ROOTS;
import org.analogy.train.nn.NamedWeights;

/**
 * The next-bar chord predictor as a function of its {@link NamedWeights}: a GRU reads one bar at a time
 * ({@code PredictorFeatures}), and after bar t a ReLU layer and linear heads give bar t+1's beat roots, beat
 * chromas and (optionally) its z_chord. Causal by construction, so one pass over a whole run trains every
 * position at once and the engine can run it one bar at a time from the carried state.
 */
final class ChordPredictorNet {

    record Output(NDArray rootLogits, NDArray chromaLogits, NDArray zChord, NDArray state) {
    }

    private final NamedWeights weights;
    private final PredictorConfig config;

    ChordPredictorNet(NamedWeights weights, PredictorConfig config) {
        this.weights = weights;
        this.config = config;
    }

    NamedWeights weights() {
        return weights;
    }

    PredictorConfig config() {
        return config;
    }

    /** {@code bars [B,T,F]}, {@code state [1,B,H]} → roots {@code [B,T,4,13]}, chromas {@code [B,T,4,12]}, z {@code [B,T,Zc]} or null. */
    Output forward(NDArray bars, NDArray state, boolean training) {
        long batch = bars.getShape().get(0);
        long time = bars.getShape().get(1);
        NDList params = new NDList(weights.get("pred.gru.w_ih"), weights.get("pred.gru.w_hh"),
                weights.get("pred.gru.b_ih"), weights.get("pred.gru.b_hh"));
        NDList gru = AccompanimentVae.gru(bars, state, params, training, false);
        NDArray hidden = Activation.relu(linear(gru.get(0), "pred.mlp"));
        NDArray roots = linear(hidden, "pred.root").reshape(batch, time, BEATS, ROOTS);
        NDArray chroma = linear(hidden, "pred.chroma").reshape(batch, time, BEATS, 12);
        NDArray z = config.zChord() > 0 ? linear(hidden, "pred.z") : null;
        return new Output(roots, chroma, z, gru.get(1));
    }

    private NDArray linear(NDArray input, String name) {
        return Linear.linear(input, weights.get(name + ".w"), weights.get(name + ".b")).singletonOrThrow();
    }
}
