package org.analogy.train.accompaniment;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.types.Shape;

import org.analogy.engine.accompaniment.PianoRoll;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.train.nn.NamedWeights;

/**
 * Sizes of the Poly-dis-style accompaniment model. The grid is fixed by the representation (32 steps × 128
 * pitches, 8 beats × 36-d chord form); the widths below are choices.
 *
 * <p>Widths are chosen for a bar-ahead deadline on two cores and a training run of about two hours: the only
 * recurrence at decode time is one 32-step GRU of {@code decoderHidden}, run as a single ONNX GRU node because
 * the decoder is not autoregressive (see {@link AccompanimentVae}).
 */
public record AccompanimentConfig(int chordHidden, int chordLatent, int convChannels, int textureBeat,
                                  int textureHidden, int textureLatent, int decoderHidden, int decoderMlp) {

    public static final int STEPS = PianoRoll.STEPS;
    public static final int PITCHES = PianoRoll.PITCHES;
    public static final int BEATS = ChordFeatures.BEATS_PER_WINDOW;
    public static final int STEPS_PER_BEAT = ChordFeatures.STEPS_PER_BEAT;
    public static final int CHORD_FORM = ChordFeatures.CHORD_FORM_SIZE;
    /** Texture encoder input channels: onset (0/1) and duration / 32 at the onset cell. */
    public static final int ROLL_CHANNELS = 2;
    /** The convolution spans one beat in time and an octave in pitch, sliding one semitone at a time. */
    public static final int KERNEL_PITCHES = 12;
    /** Max-pooling over 4 neighbouring pitch positions: texture keeps the shape of a voicing, not its pitches. */
    public static final int POOL_PITCHES = 4;
    public static final int POOLED_WIDTH = (PITCHES - KERNEL_PITCHES + 1) / POOL_PITCHES;
    /** Durations 1–32 are written as 5 bits of (duration − 1), least significant first. */
    public static final int DURATION_BITS = 5;
    /** Per step and pitch the decoder writes an onset logit and the duration bits. */
    public static final int OUTPUTS_PER_PITCH = 1 + DURATION_BITS;

    /** The configuration the shipped model was trained with. */
    public static final AccompanimentConfig DEFAULT = new AccompanimentConfig(128, 128, 16, 256, 128, 128, 384, 1024);

    public AccompanimentConfig {
        int[] sizes = {chordHidden, chordLatent, convChannels, textureBeat, textureHidden, textureLatent, decoderHidden, decoderMlp};
        for (int size : sizes) if (size < 1) throw new IllegalArgumentException("all model sizes must be positive: " + this);
    }

    public int[] toInts() {
        return new int[]{chordHidden, chordLatent, convChannels, textureBeat, textureHidden, textureLatent, decoderHidden, decoderMlp};
    }

    public static AccompanimentConfig fromInts(int[] v) {
        if (v.length != 8) throw new IllegalArgumentException("accompaniment config needs 8 sizes, got " + v.length);
        return new AccompanimentConfig(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** Per beat, what the texture CNN hands to its GRU before the beat projection. */
    public int textureFeatures() {
        return convChannels * POOLED_WIDTH;
    }

    /** Decoder input per step: z_chord ⊕ z_texture ⊕ one-hot step position. */
    public int decoderInput() {
        return chordLatent + textureLatent + STEPS;
    }

    /** Names and shapes of every tensor, in checkpoint order. */
    public Map<String, Shape> layout() {
        Map<String, Shape> l = new LinkedHashMap<>();
        NamedWeights.gru(l, "chord.fwd", CHORD_FORM, chordHidden);
        NamedWeights.gru(l, "chord.bwd", CHORD_FORM, chordHidden);
        NamedWeights.linear(l, "chord.mu", 2 * chordHidden, chordLatent);
        NamedWeights.linear(l, "chord.logvar", 2 * chordHidden, chordLatent);
        NamedWeights.conv(l, "tex.conv", ROLL_CHANNELS, convChannels, STEPS_PER_BEAT, KERNEL_PITCHES);
        NamedWeights.linear(l, "tex.beat", textureFeatures(), textureBeat);
        NamedWeights.gru(l, "tex.fwd", textureBeat, textureHidden);
        NamedWeights.gru(l, "tex.bwd", textureBeat, textureHidden);
        NamedWeights.linear(l, "tex.mu", 2 * textureHidden, textureLatent);
        NamedWeights.linear(l, "tex.logvar", 2 * textureHidden, textureLatent);
        NamedWeights.linear(l, "dec.init", chordLatent + textureLatent, decoderHidden);
        NamedWeights.gru(l, "dec.gru", decoderInput(), decoderHidden);
        NamedWeights.linear(l, "dec.mlp", decoderHidden, decoderMlp);
        NamedWeights.linear(l, "dec.out", decoderMlp, PITCHES * OUTPUTS_PER_PITCH);
        NamedWeights.linear(l, "aux.chord", chordLatent, BEATS * CHORD_FORM);
        return l;
    }
}
