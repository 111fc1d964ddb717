package org.analogy.train.accompaniment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

import static org.analogy.train.accompaniment.AccompanimentConfig.BEATS;
import static org.analogy.train.accompaniment.AccompanimentConfig.CHORD_FORM;
import static org.analogy.train.accompaniment.AccompanimentConfig.OUTPUTS_PER_PITCH;
import static org.analogy.train.accompaniment.AccompanimentConfig.PITCHES;
import static org.analogy.train.accompaniment.AccompanimentConfig.POOL_PITCHES;
import static org.analogy.train.accompaniment.AccompanimentConfig.STEPS;
import static org.analogy.train.accompaniment.AccompanimentConfig.STEPS_PER_BEAT;
import org.analogy.train.nn.NamedWeights;

/**
 * The Poly-dis-style accompaniment model (Wang et al., ISMIR 2020) as functions of its {@link NamedWeights}.
 *
 * <ul>
 *   <li>Chord encoder: a bidirectional GRU over the 8 beats of 36-d chord form; both final states feed the
 *       mean and log-variance of z_chord.</li>
 *   <li>Texture encoder: a convolution over the 2-channel piano roll (onset, duration/32) whose kernel spans one
 *       beat and an octave and slides by semitones, ReLU, max-pooling over 4 pitch positions, a per-beat
 *       projection with ReLU, then a bidirectional GRU over the 8 beats → z_texture. Pooling over pitch
 *       (and, in training, encoding a randomly shifted copy of the roll, see {@link AccompanimentBatches}) is
 *       what leaves pitch classes to z_chord.</li>
 *   <li>Decoder, not autoregressive: one GRU over the 32 steps, started from tanh(Linear(z)) and fed
 *       z = z_chord ⊕ z_texture plus the step's position, then a ReLU layer and a linear head giving, per step
 *       and pitch, an onset logit and 5 duration-bit logits. Notes are read off by thresholding (onset logit above
 *       a threshold calibrated on validation songs, each bit logit &gt; 0). Poly-dis's PianoTree decoder is
 *       hierarchical and autoregressive (per step, up to 16 notes, each pitch then duration); this one decodes
 *       a window with a single recurrence and no feedback, so the exported decoder is one ONNX GRU node plus matrix products (about
 *       2 ms at batch 1 on one core, see AccompanimentInferenceBenchmark). Its quality against the targets is in
 *       the evaluation report.</li>
 *   <li>Auxiliary chord decoder: a linear map from z_chord to the 8 × 36 chord form (root and bass
 *       classified, chroma per pitch class), which keeps z_chord about the chords.</li>
 * </ul>
 *
 * <p>Recurrences call PyTorch's GRU kernel directly with parameters in PyTorch's order: DJL 0.36's own
 * bidirectional GRU block passes them in the wrong order.
 */
public final class AccompanimentVae {

    /** Mean and log-variance of a latent, each {@code [B, Z]}. */
    public record Posterior(NDArray mean, NDArray logVar) {
    }

    private final NamedWeights weights;
    private final AccompanimentConfig config;

    public AccompanimentVae(NamedWeights weights, AccompanimentConfig config) {
        this.weights = weights;
        this.config = config;
    }

    public AccompanimentConfig config() {
        return config;
    }

    public NamedWeights weights() {
        return weights;
    }

    /** {@code chordForm [B,8,36]} → z_chord's posterior. */
    public Posterior encodeChords(NDArray chordForm, boolean training) {
        NDArray encoded = bidirectionalFinalStates(chordForm, "chord", config.chordHidden(), training);
        return new Posterior(linear(encoded, "chord.mu"), linear(encoded, "chord.logvar"));
    }

    /** {@code roll [B,2,32,128]} (onset, duration/32) → z_texture's posterior. */
    public Posterior encodeTexture(NDArray roll, boolean training) {
        long batch = roll.getShape().get(0);
        NDArray conv = Conv2d.conv2d(roll, weights.get("tex.conv.w"), weights.get("tex.conv.b"),
                new Shape(STEPS_PER_BEAT, 1), new Shape(0, 0), new Shape(1, 1)).singletonOrThrow();       // [B,C,8,117]
        NDArray pooled = Pool.maxPool2d(Activation.relu(conv), new Shape(1, POOL_PITCHES), new Shape(1, POOL_PITCHES),
                new Shape(0, 0), false);                                                                   // [B,C,8,29]
        NDArray perBeat = pooled.transpose(0, 2, 1, 3).reshape(batch, BEATS, config.textureFeatures());
        NDArray beats = Activation.relu(linear(perBeat, "tex.beat"));                                        // [B,8,E]
        NDArray encoded = bidirectionalFinalStates(beats, "tex", config.textureHidden(), training);
        return new Posterior(linear(encoded, "tex.mu"), linear(encoded, "tex.logvar"));
    }

    /** {@code zChord [B,Zc]}, {@code zTexture [B,Zt]} → logits {@code [B,32,128,6]}: onset, then duration bits. */
    public NDArray decode(NDArray zChord, NDArray zTexture, boolean training) {
        long batch = zChord.getShape().get(0);
        NDArray z = zChord.concat(zTexture, 1);                                                             // [B,Z]
        NDArray h0 = linear(z, "dec.init").tanh().expandDims(0);                                           // [1,B,H]
        NDArray zAlongTime = z.expandDims(1).broadcast(new Shape(batch, STEPS, z.getShape().get(1)));
        NDArray positions = z.getManager().eye(STEPS).expandDims(0).broadcast(new Shape(batch, STEPS, STEPS));
        NDArray input = zAlongTime.concat(positions, 2);                                                    // [B,32,Z+32]
        NDList params = new NDList(weights.get("dec.gru.w_ih"), weights.get("dec.gru.w_hh"),
                weights.get("dec.gru.b_ih"), weights.get("dec.gru.b_hh"));
        NDArray states = gru(input, h0, params, training, false).get(0);                                   // [B,32,H]
        NDArray hidden = Activation.relu(linear(states, "dec.mlp"));
        return linear(hidden, "dec.out").reshape(batch, STEPS, PITCHES, OUTPUTS_PER_PITCH);
    }

    /** The auxiliary chord decoder: {@code zChord [B,Zc]} → chord-form logits {@code [B,8,36]}. */
    public NDArray chordLogits(NDArray zChord) {
        return linear(zChord, "aux.chord").reshape(zChord.getShape().get(0), BEATS, CHORD_FORM);
    }

    /** Final states of both directions, concatenated: {@code [B, 2H]}. */
    private NDArray bidirectionalFinalStates(NDArray input, String prefix, int hidden, boolean training) {
        long batch = input.getShape().get(0);
        NDArray h0 = input.getManager().zeros(new Shape(2, batch, hidden));
        NDList params = new NDList(
                weights.get(prefix + ".fwd.w_ih"), weights.get(prefix + ".fwd.w_hh"), weights.get(prefix + ".fwd.b_ih"), weights.get(prefix + ".fwd.b_hh"),
                weights.get(prefix + ".bwd.w_ih"), weights.get(prefix + ".bwd.w_hh"), weights.get(prefix + ".bwd.b_ih"), weights.get(prefix + ".bwd.b_hh"));
        NDArray finalStates = gru(input, h0, params, training, true).get(1);                               // [2,B,H]
        return finalStates.transpose(1, 0, 2).reshape(batch, 2L * hidden);
    }

    private NDArray linear(NDArray input, String name) {
        return Linear.linear(input, weights.get(name + ".w"), weights.get(name + ".b")).singletonOrThrow();
    }

    /** PyTorch's GRU kernel, batch-first, one layer; returns (outputs [B,T,D*H], final states [D,B,H]). */
    static NDList gru(NDArray input, NDArray h0, NDList params, boolean training, boolean bidirectional) {
        return input.getNDArrayInternal().gru(input, h0, params, true, 1, 0.0, training, bidirectional, true);
    }
}
