package org.analogy.train.melody;

import org.analogy.engine.melody.MelodyTokens;

/**
 * Sizes of the EC2VAE-style melody model. The grid (32 steps, 130 tokens, 12 chroma, 3 rhythm classes) is
 * fixed by {@link MelodyTokens}; only the widths below are choices.
 *
 * <p>Widths are chosen for the stage, not for the paper: at batch 1 the decoders stream their recurrent
 * weights once per step, so latency tracks {@code hidden²}. The paper's 2048 is far too slow for a
 * bar-ahead deadline on two cores; 256 keeps encode + decode near a millisecond or two.
 */
public record MelodyVaeConfig(int encoderHidden, int rhythmHidden, int melodyHidden, int pitchLatent, int rhythmLatent) {

    public static final int STEPS = MelodyTokens.WINDOW_STEPS;
    public static final int TOKENS = MelodyTokens.CLASSES;
    public static final int CHROMA = 12;
    public static final int RHYTHM = MelodyTokens.Rhythm.CLASSES;

    /** The configuration the shipped model was trained with. */
    public static final MelodyVaeConfig DEFAULT = new MelodyVaeConfig(256, 256, 256, 128, 128);

    public MelodyVaeConfig {
        if (encoderHidden < 1 || rhythmHidden < 1 || melodyHidden < 1 || pitchLatent < 1 || rhythmLatent < 1) {
            throw new IllegalArgumentException("all model sizes must be positive: " + this);
        }
    }

    /** The sizes as a checkpoint stores them. */
    public int[] toInts() {
        return new int[]{encoderHidden, rhythmHidden, melodyHidden, pitchLatent, rhythmLatent};
    }

    public static MelodyVaeConfig fromInts(int[] v) {
        if (v.length != 5) throw new IllegalArgumentException("melody config needs 5 sizes, got " + v.length);
        return new MelodyVaeConfig(v[0], v[1], v[2], v[3], v[4]);
    }

    /** Encoder input per step: one-hot token ⊕ chroma. */
    public int encoderInput() {
        return TOKENS + CHROMA;
    }

    /** Rhythm decoder input per step: previous rhythm class (one-hot, zeros at step 0) ⊕ z_rhythm. */
    public int rhythmDecoderInput() {
        return RHYTHM + rhythmLatent;
    }

    /** Melody decoder input per step: previous token (one-hot, zeros at step 0) ⊕ this step's rhythm ⊕ z_pitch ⊕ chroma. */
    public int melodyDecoderInput() {
        return TOKENS + RHYTHM + pitchLatent + CHROMA;
    }
}
