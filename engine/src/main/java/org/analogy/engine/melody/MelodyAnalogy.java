package org.analogy.engine.melody;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import ai.onnxruntime.OrtException;


/**
 * Analogy on melodies of any length, window by window (2 bars each, bar-aligned): "the pitch contour of A
 * with the rhythm of B", interpolation between two melodies, and sampling one factor while keeping the
 * other. Chords condition every decode; they come from a chart, a file or the pitch source's own harmony.
 */
public final class MelodyAnalogy {

    /** Which latent an operation acts on. */
    public enum Factor { PITCH, RHYTHM, BOTH }

    private final MelodyModel model;

    public MelodyAnalogy(MelodyModel model) {
        this.model = model;
    }

    public MelodyLatents encode(MelodyLine line, int window, float[] chroma) {
        try {
            return model.encode(line.tokens(window), chroma);
        } catch (OrtException e) {
            throw new IllegalStateException("melody model failed to encode window " + window + " of " + line.source(), e);
        }
    }

    public int[] decode(MelodyLatents latents, float[] chroma) {
        try {
            return model.decode(latents, chroma);
        } catch (OrtException e) {
            throw new IllegalStateException("melody model failed to decode", e);
        }
    }

    /**
     * For every window of {@code pitchSource}: its pitch latent with the rhythm latent of the matching window
     * of {@code rhythmSource} (repeated if that melody is shorter), decoded under {@code chords}. Both sources
     * are encoded under their own harmony, so that the swap is between melodies, not chord progressions.
     */
    public List<int[]> swap(MelodyLine pitchSource, MelodyLine rhythmSource, IntFunction<float[]> chords) {
        List<int[]> out = new ArrayList<>();
        for (int w = 0; w < pitchSource.windows(); w++) {
            MelodyLatents a = encode(pitchSource, w, pitchSource.harmonyChroma(w));
            int wb = w % rhythmSource.windows();
            MelodyLatents b = encode(rhythmSource, wb, rhythmSource.harmonyChroma(wb));
            out.add(decode(a.withRhythmOf(b), chords.apply(w)));
        }
        return out;
    }

    /**
     * {@code steps} melodies moving from {@code from} to {@code to} along the arc between their latents
     * (spherical interpolation) in the chosen factor; the other factor stays {@code from}'s.
     */
    public List<List<int[]>> interpolate(MelodyLine from, MelodyLine to, Factor factor, int steps,
                                         IntFunction<float[]> chords) {
        if (steps < 2 || steps > 64) throw new IllegalArgumentException("--steps " + steps + ": allowed 2–64");
        List<List<int[]>> versions = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            double alpha = i / (double) (steps - 1);
            List<int[]> windows = new ArrayList<>();
            for (int w = 0; w < from.windows(); w++) {
                MelodyLatents a = encode(from, w, from.harmonyChroma(w));
                int wb = w % to.windows();
                MelodyLatents b = encode(to, wb, to.harmonyChroma(wb));
                float[] pitch = factor == Factor.RHYTHM ? a.pitch() : LatentMath.slerp(a.pitch(), b.pitch(), alpha);
                float[] rhythm = factor == Factor.PITCH ? a.rhythm() : LatentMath.slerp(a.rhythm(), b.rhythm(), alpha);
                windows.add(decode(new MelodyLatents(pitch, rhythm), chords.apply(w)));
            }
            versions.add(windows);
        }
        return versions;
    }

    /**
     * New melodies like {@code like}: the chosen factor drawn from the prior at {@code temperature}, the
     * other kept from {@code like}, window by window.
     */
    public List<int[]> sample(MelodyLine like, Factor factor, double temperature, long seed, IntFunction<float[]> chords) {
        if (factor == Factor.BOTH) throw new IllegalArgumentException("sample one factor: pitch or rhythm");
        Random random = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int w = 0; w < like.windows(); w++) {
            MelodyLatents a = encode(like, w, like.harmonyChroma(w));
            float[] pitch = factor == Factor.PITCH ? LatentMath.samplePrior(a.pitch().length, temperature, random) : a.pitch();
            float[] rhythm = factor == Factor.RHYTHM ? LatentMath.samplePrior(a.rhythm().length, temperature, random) : a.rhythm();
            out.add(decode(new MelodyLatents(pitch, rhythm), chords.apply(w)));
        }
        return out;
    }
}
