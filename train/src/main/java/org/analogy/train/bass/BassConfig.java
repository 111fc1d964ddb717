package org.analogy.train.bass;

import ai.djl.ndarray.types.Shape;
import org.analogy.engine.bass.BassConditioning;
import org.analogy.engine.bass.BassLine;
import org.analogy.train.nn.NamedWeights;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes of the bass model ({@link BassVae}): the bidirectional encoder GRU, the style latent, the bidirectional
 * decoder GRU and the ReLU layer before the output head.
 */
public record BassConfig(int encoderHidden, int latent, int decoderHidden, int mlp) {

    public static final BassConfig DEFAULT = new BassConfig(128, 16, 128, 128);
    public static final int STEPS = BassLine.STEPS;
    public static final int FEATURES = BassLine.FEATURES;
    public static final int CONDITION = BassConditioning.SIZE;
    /** Decoder outputs per step: the token logits and a velocity logit. */
    public static final int OUTPUTS = BassLine.TOKENS + 1;

    public BassConfig {
        if (encoderHidden < 1 || latent < 1 || decoderHidden < 1 || mlp < 1) {
            throw new IllegalArgumentException("bass model sizes must be positive: " + encoderHidden + ", " + latent + ", " + decoderHidden + ", " + mlp);
        }
    }

    /** The decoder GRU's input per step: the latent and the step's conditioning. */
    public int decoderInput() {
        return latent + CONDITION;
    }

    public int[] toInts() {
        return new int[]{encoderHidden, latent, decoderHidden, mlp};
    }

    public static BassConfig fromInts(int[] v) {
        if (v.length != 4) throw new IllegalArgumentException("bass model config needs 4 sizes, got " + v.length);
        return new BassConfig(v[0], v[1], v[2], v[3]);
    }

    public Map<String, Shape> layout() {
        Map<String, Shape> l = new LinkedHashMap<>();
        NamedWeights.gru(l, "enc.fwd", FEATURES, encoderHidden);
        NamedWeights.gru(l, "enc.bwd", FEATURES, encoderHidden);
        NamedWeights.linear(l, "enc.mu", 2 * encoderHidden, latent);
        NamedWeights.linear(l, "enc.logvar", 2 * encoderHidden, latent);
        NamedWeights.gru(l, "dec.fwd", decoderInput(), decoderHidden);
        NamedWeights.gru(l, "dec.bwd", decoderInput(), decoderHidden);
        NamedWeights.linear(l, "dec.mlp", 2 * decoderHidden, mlp);
        NamedWeights.linear(l, "dec.out", mlp, OUTPUTS);
        return l;
    }

    @Override
    public String toString() {
        return "enc " + encoderHidden + "×2 → z " + latent + " ; dec (z + " + CONDITION + " per step) " + decoderHidden + "×2 → " + mlp + " → " + OUTPUTS;
    }
}
