package org.analogy.train.drums;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import org.analogy.train.nn.NamedWeights;

import static org.analogy.train.drums.DrumConfig.STEPS;

/**
 * The GrooVAE-like groove model (Gillick et al., ICML 2019) as functions of its {@link NamedWeights}.
 *
 * <ul>
 *   <li>Encoder: a bidirectional GRU over the 32 steps of a 2-bar pattern (per step the 9 hits, 9 velocities and
 *       9 offsets, {@code DrumPattern.features()}); both final states give the mean and log-variance of the
 *       groove latent z.</li>
 *   <li>Decoder: tanh(Linear(z)) starts a GRU that reads z and the step's one-hot position at each of the 32
 *       steps; a ReLU layer and a linear head give per step and drum a hit logit, a velocity logit (sigmoid →
 *       0–1) and an offset pre-activation (tanh → −1..1, i.e. twice the offset in steps). GrooVAE's decoder is
 *       autoregressive (it feeds back the previous step's sampled hits); this one decodes a whole pattern in one
 *       recurrence with no feedback, so the exported decoder is one ONNX GRU node and its cost is fixed.</li>
 * </ul>
 *
 * <p>Recurrences call PyTorch's GRU kernel with parameters in PyTorch's order (DJL 0.36's bidirectional GRU
 * block passes them in the wrong order).
 */
final class DrumVae {

    record Posterior(NDArray mean, NDArray logVar) {
    }

    private final NamedWeights weights;
    private final DrumConfig config;

    DrumVae(NamedWeights weights, DrumConfig config) {
        this.weights = weights;
        this.config = config;
    }

    NamedWeights weights() {
        return weights;
    }

    DrumConfig config() {
        return config;
    }

    /** {@code patterns [B,32,27]} → the groove latent's posterior. */
    Posterior encode(NDArray patterns, boolean training) {
        long batch = patterns.getShape().get(0);
        int h = config.encoderHidden();
        NDArray h0 = patterns.getManager().zeros(new Shape(2, batch, h));
        NDList params = new NDList(
                weights.get("enc.fwd.w_ih"), weights.get("enc.fwd.w_hh"), weights.get("enc.fwd.b_ih"), weights.get("enc.fwd.b_hh"),
                weights.get("enc.bwd.w_ih"), weights.get("enc.bwd.w_hh"), weights.get("enc.bwd.b_ih"), weights.get("enc.bwd.b_hh"));
        NDArray finals = gru(patterns, h0, params, training, true).get(1);                 // [2,B,H]
        NDArray encoded = finals.transpose(1, 0, 2).reshape(batch, 2L * h);
        return new Posterior(linear(encoded, "enc.mu"), linear(encoded, "enc.logvar"));
    }

    /** {@code z [B,Z]} → raw outputs {@code [B,32,27]}: hit logits, velocity logits, offset pre-activations. */
    NDArray decode(NDArray z, boolean training) {
        long batch = z.getShape().get(0);
        NDArray h0 = linear(z, "dec.init").tanh().expandDims(0);                           // [1,B,H]
        NDArray zAlongTime = z.expandDims(1).broadcast(new Shape(batch, STEPS, config.latent()));
        NDArray positions = z.getManager().eye(STEPS).expandDims(0).broadcast(new Shape(batch, STEPS, STEPS));
        NDList params = new NDList(weights.get("dec.gru.w_ih"), weights.get("dec.gru.w_hh"),
                weights.get("dec.gru.b_ih"), weights.get("dec.gru.b_hh"));
        NDArray states = gru(zAlongTime.concat(positions, 2), h0, params, training, false).get(0);   // [B,32,H]
        return linear(Activation.relu(linear(states, "dec.mlp")), "dec.out");
    }

    private NDArray linear(NDArray input, String name) {
        return Linear.linear(input, weights.get(name + ".w"), weights.get(name + ".b")).singletonOrThrow();
    }

    /** PyTorch's GRU kernel, batch-first, one layer; returns (outputs, final states). */
    private static NDList gru(NDArray input, NDArray h0, NDList params, boolean training, boolean bidirectional) {
        return input.getNDArrayInternal().gru(input, h0, params, true, 1, 0.0, training, bidirectional, true);
    }
}
