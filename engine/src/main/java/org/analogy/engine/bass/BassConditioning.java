package org.analogy.engine.bass;

import org.analogy.engine.chords.Chord;

import java.util.Arrays;

/**
 * What the bass decoder is told about a 2-bar window besides the style latent, per 16th step ({@link #SIZE}
 * values, all independent of the key, like the chord-relative {@link BassLine}):
 *
 * <ol>
 *   <li>the chord in force as pitch classes above its root (12; all 0 for no chord),</li>
 *   <li>1 on the step where a chord begins (step 0, and wherever the chord changes),</li>
 *   <li>the root of the next different chord in the window, in semitones above this root (one-hot of 12), or
 *       a 13th flag when no other chord follows,</li>
 *   <li>the band's rhythm: onsets of the other parts on this step, min(n, 2) / 2, and whether there is any. In
 *       training these are the other tracks' onsets; on stage the piano accompaniment's and the kick drum's,
 *       so the bass locks to the kick,</li>
 *   <li>the step's position in its bar (one-hot of 16).</li>
 * </ol>
 */
public final class BassConditioning {

    private static final int CHORD = 0;
    private static final int START = 12;
    private static final int NEXT = 13;
    private static final int RHYTHM = NEXT + 13;
    private static final int POSITION = RHYTHM + 2;
    public static final int SIZE = POSITION + BassLine.STEPS_PER_BAR;

    private BassConditioning() {
    }

    /**
     * Writes {@code [32][SIZE]} at {@code offset}: {@code chordPerStep} one chord per step, {@code onsets} the
     * other parts' onset count per step (0 or more).
     */
    public static void write(Chord[] chordPerStep, float[] onsets, float[] out, int offset) {
        int steps = BassLine.STEPS;
        if (chordPerStep.length != steps) throw new IllegalArgumentException("need " + steps + " chords, one per step, got " + chordPerStep.length);
        if (onsets.length != steps) throw new IllegalArgumentException("need " + steps + " onset counts, one per step, got " + onsets.length);
        Arrays.fill(out, offset, offset + steps * SIZE, 0f);
        for (int t = 0; t < steps; t++) {
            int row = offset + t * SIZE;
            Chord chord = chordPerStep[t];
            if (!chord.isNone()) {
                Chord relative = chord.transposed(-chord.root());
                for (int pc = 0; pc < 12; pc++) if (relative.contains(pc)) out[row + CHORD + pc] = 1f;
            }
            if (t == 0 || !chord.equals(chordPerStep[t - 1])) out[row + START] = 1f;
            Chord next = null;
            for (int u = t + 1; u < steps; u++) {
                if (!chordPerStep[u].equals(chord)) {
                    next = chordPerStep[u];
                    break;
                }
            }
            if (next == null || next.isNone() || chord.isNone()) out[row + NEXT + 12] = 1f;
            else out[row + NEXT + Math.floorMod(next.root() - chord.root(), 12)] = 1f;
            float n = onsets[t];
            if (!(n >= 0)) throw new IllegalArgumentException("onset count " + n + " at step " + t + ": give 0 or more");
            out[row + RHYTHM] = Math.min(n, 2f) / 2f;
            out[row + RHYTHM + 1] = n > 0 ? 1f : 0f;
            out[row + POSITION + t % BassLine.STEPS_PER_BAR] = 1f;
        }
    }
}
