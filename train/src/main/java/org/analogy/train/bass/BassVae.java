package org.analogy.train.bass;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import org.analogy.train.nn.NamedWeights;

import static org.analogy.train.bass.BassConfig.STEPS;

/**
 * The bass model, a one-instrument form of Q&A's orchestration function, as functions of its {@link NamedWeights}.
 *
 * <ul>
 *   <li>Encoder: a bidirectional GRU over the 32 steps of a chord-relative bass line (per step the token one-hot
 *       and velocity, {@code BassLine.writeFeatures}); both final states give the mean and log-variance of the
 *       style (function) latent z.</li>
 *   <li>Decoder: a bidirectional GRU reads, per step, z and the window's conditioning ({@code BassConditioning}:
 *       chord, chord changes, next root, the band's onsets, position in the bar); a ReLU layer and a linear head
 *       give per step the token logits and a velocity logit. Non-autoregressive: the whole window in one pass, so
 *       its cost is fixed and it sees the chord changes ahead.</li>
 * </ul>
 *
 * <p>Recurrences call PyTorch's GRU kernel with parameters in PyTorch's order (DJL 0.36's bidirectional GRU
 * block passes them in the wrong order).
 */
final class BassVae {

    record Posterior(NDArray mean, NDArray logVar) {
    }

    private final NamedWeights weights;
    private final BassConfig config;

    BassVae(NamedWeights weights, BassConfig config) {
        this.weights = weights;
        this.config = config;
    }

    NamedWeights weights() {
        return weights;
    }

    BassConfig config() {
        return config;
    }

    /** {@code lines [B,32,FEATURES]} → the style latent's posterior. */
    Posterior encode(NDArray lines, boolean training) {
        long batch = lines.getShape().get(0);
        int h = config.encoderHidden();
        NDArray finals = gru(lines, "enc", h, training).get(1);                                 // [2,B,H]
        NDArray encoded = finals.transpose(1, 0, 2).reshape(batch, 2L * h);
        return new Posterior(linear(encoded, "enc.mu"), linear(encoded, "enc.logvar"));
    }

    /** {@code z [B,Z]}, {@code condition [B,32,CONDITION]} → raw outputs {@code [B,32,TOKENS+1]}. */
    NDArray decode(NDArray z, NDArray condition, boolean training) {
        long batch = z.getShape().get(0);
        NDArray zAlongTime = z.expandDims(1).broadcast(new Shape(batch, STEPS, config.latent()));
        NDArray states = gru(zAlongTime.concat(condition, 2), "dec", config.decoderHidden(), training).get(0);   // [B,32,2H]
        return linear(Activation.relu(linear(states, "dec.mlp")), "dec.out");
    }

    private NDArray linear(NDArray input, String name) {
        return Linear.linear(input, weights.get(name + ".w"), weights.get(name + ".b")).singletonOrThrow();
    }

    /** PyTorch's bidirectional GRU kernel, batch-first, one layer, zero initial state; returns (outputs, final states). */
    private NDList gru(NDArray input, String prefix, int hidden, boolean training) {
        long batch = input.getShape().get(0);
        NDArray h0 = input.getManager().zeros(new Shape(2, batch, hidden));
        NDList params = new NDList(
                weights.get(prefix + ".fwd.w_ih"), weights.get(prefix + ".fwd.w_hh"), weights.get(prefix + ".fwd.b_ih"), weights.get(prefix + ".fwd.b_hh"),
                weights.get(prefix + ".bwd.w_ih"), weights.get(prefix + ".bwd.w_hh"), weights.get(prefix + ".bwd.b_ih"), weights.get(prefix + ".bwd.b_hh"));
        return input.getNDArrayInternal().gru(input, h0, params, true, 1, 0.0, training, true, true);
    }
}
