package org.analogy.train.melody;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

import static org.analogy.train.melody.MelodyVaeConfig.RHYTHM;
import static org.analogy.train.melody.MelodyVaeConfig.STEPS;
import static org.analogy.train.melody.MelodyVaeConfig.TOKENS;

/**
 * The EC2VAE-style melody model as functions of its {@link MelodyVaeWeights}.
 *
 * <ul>
 *   <li>Encoder: a bidirectional GRU over one-hot token ⊕ chroma; the two final states, concatenated, feed
 *       four linear heads: mean and log-variance of z_pitch and of z_rhythm.</li>
 *   <li>Rhythm decoder: a GRU started from tanh(Linear(z_rhythm)), fed z_rhythm and its previous rhythm
 *       class, predicting onset / hold / rest per step. It never sees z_pitch, which is what pushes rhythm
 *       into z_rhythm.</li>
 *   <li>Melody decoder: a GRU started from tanh(Linear(z_pitch)), fed its previous token, the rhythm class of
 *       the current step, z_pitch and the step's chord chroma, predicting the 130 tokens. It sees rhythm only
 *       through the rhythm sequence, so z_pitch is left to carry pitch.</li>
 * </ul>
 *
 * <p>Recurrences call PyTorch's GRU kernel directly with parameters in PyTorch's order: DJL 0.36's own
 * bidirectional GRU block passes them in the wrong order. Teacher-forced decoding runs each decoder as
 * one kernel call over the whole shifted sequence; greedy decoding runs it one step at a time.
 */
public final class MelodyVae {

    /** Means and log-variances of both latents, each {@code [B, Z]}. */
    public record Posterior(NDArray pitchMean, NDArray pitchLogVar, NDArray rhythmMean, NDArray rhythmLogVar) {
    }

    /** Greedy decoding result: tokens and rhythm classes {@code [B*32]}, and the logits that chose them. */
    public record Decoded(int[] tokens, int[] rhythm, NDArray tokenLogits, NDArray rhythmLogits) {
    }

    private final MelodyVaeWeights weights;
    private final MelodyVaeConfig config;

    public MelodyVae(MelodyVaeWeights weights) {
        this.weights = weights;
        this.config = weights.config();
    }

    public MelodyVaeConfig config() {
        return config;
    }

    public MelodyVaeWeights weights() {
        return weights;
    }

    /** {@code tokens [B,32,130]} one-hot and {@code chroma [B,32,12]} → the posterior. */
    public Posterior encode(NDArray tokens, NDArray chroma, boolean training) {
        NDArray input = tokens.concat(chroma, 2);
        long batch = input.getShape().get(0);
        NDArray h0 = input.getManager().zeros(new Shape(2, batch, config.encoderHidden()));
        NDList params = new NDList(
                weights.get("enc.fwd.w_ih"), weights.get("enc.fwd.w_hh"), weights.get("enc.fwd.b_ih"), weights.get("enc.fwd.b_hh"),
                weights.get("enc.bwd.w_ih"), weights.get("enc.bwd.w_hh"), weights.get("enc.bwd.b_ih"), weights.get("enc.bwd.b_hh"));
        NDArray finalStates = gru(input, h0, params, training, true).get(1);          // [2, B, H]
        NDArray encoded = finalStates.transpose(1, 0, 2).reshape(batch, 2L * config.encoderHidden());
        return new Posterior(
                linear(encoded, "pitch.mu"), linear(encoded, "pitch.logvar"),
                linear(encoded, "rhythm.mu"), linear(encoded, "rhythm.logvar"));
    }

    /** Teacher-forced rhythm logits {@code [B,32,3]} from {@code zRhythm [B,Zr]} and the shifted classes {@code [B,32,3]}. */
    public NDArray rhythmLogits(NDArray zRhythm, NDArray previousRhythm, boolean training) {
        NDArray input = previousRhythm.concat(alongTime(zRhythm), 2);
        NDArray h0 = linear(zRhythm, "rdec.init").tanh().expandDims(0);
        NDArray outputs = gru(input, h0, decoderParams("rdec.gru"), training, false).get(0);
        return linear(outputs, "rdec.out");
    }

    /**
     * Teacher-forced token logits {@code [B,32,130]} from {@code zPitch [B,Zp]}, the shifted previous tokens
     * {@code [B,32,130]}, this step's rhythm {@code [B,32,3]} and chroma {@code [B,32,12]}.
     */
    public NDArray tokenLogits(NDArray zPitch, NDArray previousTokens, NDArray rhythm, NDArray chroma, boolean training) {
        NDArray input = NDArrays.concat(new NDList(previousTokens, rhythm, alongTime(zPitch), chroma), 2);
        NDArray h0 = linear(zPitch, "mdec.init").tanh().expandDims(0);
        NDArray outputs = gru(input, h0, decoderParams("mdec.gru"), training, false).get(0);
        return linear(outputs, "mdec.out");
    }

    /**
     * Greedy decoding with no teacher: the rhythm decoder runs 32 steps on its own argmax, then the melody
     * decoder runs 32 steps on its own argmax and the decoded rhythm. This is exactly what the exported
     * ONNX decoder does.
     */
    public Decoded decodeGreedy(NDArray zPitch, NDArray zRhythm, NDArray chroma) {
        NDManager manager = zPitch.getManager();
        long batch = zPitch.getShape().get(0);

        NDArray rhythmInput = zRhythm.expandDims(1);
        NDArray hidden = linear(zRhythm, "rdec.init").tanh().expandDims(0);
        NDArray previous = manager.zeros(new Shape(batch, 1, RHYTHM));
        NDList rhythmParams = decoderParams("rdec.gru");
        NDArray[] rhythmLogits = new NDArray[STEPS];
        NDArray[] rhythmOneHots = new NDArray[STEPS];
        for (int t = 0; t < STEPS; t++) {
            NDList out = gru(previous.concat(rhythmInput, 2), hidden, rhythmParams, false, false);
            hidden = out.get(1);
            rhythmLogits[t] = linear(out.get(0), "rdec.out");                         // [B,1,3]
            previous = rhythmLogits[t].argMax(2).oneHot(RHYTHM, DataType.FLOAT32);   // [B,1,3]
            rhythmOneHots[t] = previous;
        }

        NDArray pitchInput = zPitch.expandDims(1);
        hidden = linear(zPitch, "mdec.init").tanh().expandDims(0);
        NDArray previousToken = manager.zeros(new Shape(batch, 1, TOKENS));
        NDList melodyParams = decoderParams("mdec.gru");
        NDArray[] tokenLogits = new NDArray[STEPS];
        for (int t = 0; t < STEPS; t++) {
            NDArray chromaStep = chroma.get(new NDIndex(":, {}:{}, :", t, t + 1));
            NDArray input = NDArrays.concat(new NDList(previousToken, rhythmOneHots[t], pitchInput, chromaStep), 2);
            NDList out = gru(input, hidden, melodyParams, false, false);
            hidden = out.get(1);
            tokenLogits[t] = linear(out.get(0), "mdec.out");                          // [B,1,130]
            previousToken = tokenLogits[t].argMax(2).oneHot(TOKENS, DataType.FLOAT32);
        }
        NDArray allTokenLogits = NDArrays.concat(new NDList(tokenLogits), 1);
        NDArray allRhythmLogits = NDArrays.concat(new NDList(rhythmLogits), 1);
        return new Decoded(toInts(allTokenLogits.argMax(2)), toInts(allRhythmLogits.argMax(2)), allTokenLogits, allRhythmLogits);
    }

    private static int[] toInts(NDArray indices) {
        long[] values = indices.toLongArray();
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) ints[i] = (int) values[i];
        return ints;
    }

    /** {@code z [B,Z]} repeated along a new time axis → {@code [B,32,Z]}. */
    private static NDArray alongTime(NDArray z) {
        Shape shape = z.getShape();
        return z.expandDims(1).broadcast(new Shape(shape.get(0), STEPS, shape.get(1)));
    }

    private NDList decoderParams(String prefix) {
        return new NDList(weights.get(prefix + ".w_ih"), weights.get(prefix + ".w_hh"),
                weights.get(prefix + ".b_ih"), weights.get(prefix + ".b_hh"));
    }

    private NDArray linear(NDArray input, String name) {
        return Linear.linear(input, weights.get(name + ".w"), weights.get(name + ".b")).singletonOrThrow();
    }

    /** PyTorch's GRU kernel, batch-first, one layer; returns (outputs [B,T,D*H], final states [D,B,H]). */
    private static NDList gru(NDArray input, NDArray h0, NDList params, boolean training, boolean bidirectional) {
        return input.getNDArrayInternal().gru(input, h0, params, true, 1, 0.0, training, bidirectional, true);
    }
}
