package org.analogy.train.drums;

import ai.djl.ndarray.types.Shape;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.train.nn.NamedWeights;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes of the groove model ({@link DrumVae}): the bidirectional encoder GRU, the groove latent, the decoder GRU
 * and the ReLU layer before the output head.
 */
public record DrumConfig(int encoderHidden, int latent, int decoderHidden, int mlp) {

    public static final DrumConfig DEFAULT = new DrumConfig(256, 32, 256, 256);
    public static final int STEPS = DrumPattern.STEPS;
    public static final int FEATURES = DrumPattern.FEATURES;

    public DrumConfig {
        if (encoderHidden < 1 || latent < 1 || decoderHidden < 1 || mlp < 1) {
            throw new IllegalArgumentException("drum model sizes must be positive: " + encoderHidden + ", " + latent + ", " + decoderHidden + ", " + mlp);
        }
    }

    /** The decoder GRU's input: the latent and the step's one-hot position. */
    public int decoderInput() {
        return latent + STEPS;
    }

    public int[] toInts() {
        return new int[]{encoderHidden, latent, decoderHidden, mlp};
    }

    public static DrumConfig fromInts(int[] v) {
        if (v.length != 4) throw new IllegalArgumentException("drum model config needs 4 sizes, got " + v.length);
        return new DrumConfig(v[0], v[1], v[2], v[3]);
    }

    public Map<String, Shape> layout() {
        Map<String, Shape> l = new LinkedHashMap<>();
        NamedWeights.gru(l, "enc.fwd", FEATURES, encoderHidden);
        NamedWeights.gru(l, "enc.bwd", FEATURES, encoderHidden);
        NamedWeights.linear(l, "enc.mu", 2 * encoderHidden, latent);
        NamedWeights.linear(l, "enc.logvar", 2 * encoderHidden, latent);
        NamedWeights.linear(l, "dec.init", latent, decoderHidden);
        NamedWeights.gru(l, "dec.gru", decoderInput(), decoderHidden);
        NamedWeights.linear(l, "dec.mlp", decoderHidden, mlp);
        NamedWeights.linear(l, "dec.out", mlp, FEATURES);
        return l;
    }

    @Override
    public String toString() {
        return "enc " + encoderHidden + "×2 → z " + latent + " → dec " + decoderHidden + " → " + mlp + " → " + FEATURES;
    }
}
