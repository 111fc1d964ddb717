package org.analogy.engine.latent;

import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.melody.MelodyLatents;

/**
 * What the latent predictor reads about one 2-bar melody window, the same in training and on stage:
 * the window's z_pitch and z_rhythm, the chords of its two bars, the chords of the two bars it predicts (the
 * chords are known, or predicted, before the melody is), and where the window starts in an 8-bar cycle.
 *
 * <p>Layout of one step, {@code [size(zPitch, zRhythm)]}: z_pitch, z_rhythm, own bar chroma (2 × 12, each the
 * mean of the bar's per-16th chord chroma), target bar chroma (2 × 12), position one-hot (8).
 */
public final class LatentFeatures {

    /** Bars of one window, and the bar cycle the position is counted in. */
    public static final int WINDOW_BARS = 2;
    public static final int CYCLE_BARS = 8;
    public static final int BAR_CHROMA = 12;
    public static final int WINDOW_CHROMA = WINDOW_BARS * BAR_CHROMA;
    public static final int STEPS_PER_BAR = 16;

    private LatentFeatures() {
    }

    public static int size(int zPitch, int zRhythm) {
        return zPitch + zRhythm + 2 * WINDOW_CHROMA + CYCLE_BARS;
    }

    /**
     * Writes one step at {@code out[offset…]}.
     *
     * @param ownChroma    the window's two bar chromas ({@link #barChroma})
     * @param targetChroma the predicted window's two bar chromas
     * @param firstBar     the window's first bar, counted from the start of the song or performance
     */
    public static void write(MelodyLatents z, float[] ownChroma, float[] targetChroma, int firstBar, float[] out, int offset) {
        if (ownChroma.length != WINDOW_CHROMA || targetChroma.length != WINDOW_CHROMA) {
            throw new IllegalArgumentException("window chroma must have " + WINDOW_CHROMA + " values");
        }
        int o = offset;
        System.arraycopy(z.pitch(), 0, out, o, z.pitch().length);
        o += z.pitch().length;
        System.arraycopy(z.rhythm(), 0, out, o, z.rhythm().length);
        o += z.rhythm().length;
        System.arraycopy(ownChroma, 0, out, o, WINDOW_CHROMA);
        o += WINDOW_CHROMA;
        System.arraycopy(targetChroma, 0, out, o, WINDOW_CHROMA);
        o += WINDOW_CHROMA;
        java.util.Arrays.fill(out, o, o + CYCLE_BARS, 0f);
        out[o + Math.floorMod(firstBar, CYCLE_BARS)] = 1f;
    }

    /** The mean chord chroma of each bar of {@code chordPerStep} (16 steps a bar): {@code [bars * 12]}. */
    public static float[] barChroma(List<Chord> chordPerStep) {
        return barChroma(ChordFeatures.chroma(chordPerStep));
    }

    /** The same from per-step chroma rows ({@code [steps * 12]}, as the melody model takes them). */
    public static float[] barChroma(float[] chromaPerStep) {
        int bars = chromaPerStep.length / (STEPS_PER_BAR * BAR_CHROMA);
        float[] out = new float[bars * BAR_CHROMA];
        for (int bar = 0; bar < bars; bar++) {
            for (int step = 0; step < STEPS_PER_BAR; step++) {
                int row = (bar * STEPS_PER_BAR + step) * BAR_CHROMA;
                for (int pc = 0; pc < BAR_CHROMA; pc++) out[bar * BAR_CHROMA + pc] += chromaPerStep[row + pc] / STEPS_PER_BAR;
            }
        }
        return out;
    }
}
