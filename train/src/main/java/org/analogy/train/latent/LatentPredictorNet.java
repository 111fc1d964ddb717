package org.analogy.train.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

import org.analogy.train.nn.NamedWeights;

/**
 * The latent predictor as a function of its {@link NamedWeights}: per direction a GRU reads one window's
 * {@code LatentFeatures} at a time and after window t a ReLU layer and a linear head give the latents of the
 * window two bars on (forward) or two bars back (backward). Causal in its direction, so one pass trains every
 * position and the engine can run it window by window from the carried state.
 */
final class LatentPredictorNet {

    record Output(NDArray z, NDArray state) {
    }

    private final NamedWeights weights;
    private final LatentConfig config;

    LatentPredictorNet(NamedWeights weights, LatentConfig config) {
        this.weights = weights;
        this.config = config;
    }

    NamedWeights weights() {
        return weights;
    }

    LatentConfig config() {
        return config;
    }

    /** {@code windows [B,T,F]}, {@code state [1,B,H]} → predicted latents {@code [B,T,Z]} and the state after the last window. */
    Output forward(String direction, NDArray windows, NDArray state, boolean training) {
        NDList params = new NDList(weights.get(direction + ".gru.w_ih"), weights.get(direction + ".gru.w_hh"),
                weights.get(direction + ".gru.b_ih"), weights.get(direction + ".gru.b_hh"));
        NDList gru = windows.getNDArrayInternal().gru(windows, state, params, true, 1, 0.0, training, false, true);
        NDArray hidden = Activation.relu(linear(gru.get(0), direction + ".mlp"));
        return new Output(linear(hidden, direction + ".z"), gru.get(1));
    }

    private NDArray linear(NDArray input, String name) {
        return Linear.linear(input, weights.get(name + ".w"), weights.get(name + ".b")).singletonOrThrow();
    }
}
