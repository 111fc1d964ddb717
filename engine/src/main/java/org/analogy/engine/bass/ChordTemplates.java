package org.analogy.engine.bass;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;

import java.util.List;

/**
 * Chord labels from a pitch-class profile by template matching: the profile (12 weights) is compared with
 * every root × quality template (major, minor, dominant 7th, minor 7th, major 7th, diminished, suspended 4th)
 * by cosine similarity and the best wins; ties go to the earlier quality, so a plain triad beats a 7th that
 * contains it. An empty profile is {@link Chord#NONE}.
 *
 * <p>The bass model's training data (Slakh2100) has no chord labels; they are made here from the non-bass
 * tracks, per half bar (8 steps), each note weighted by how many steps of the half bar it sounds.
 */
public final class ChordTemplates {

    /** Steps per label: a half bar of 16ths. */
    public static final int SPAN = 8;

    private static final int[][] QUALITIES = {
        {0, 4, 7}, {0, 3, 7}, {0, 4, 7, 10}, {0, 3, 7, 10}, {0, 4, 7, 11}, {0, 3, 6}, {0, 5, 7}};

    private ChordTemplates() {
    }

    /** The best-matching chord of {@code chroma} (12 non-negative weights), or {@link Chord#NONE} when it is empty. */
    public static Chord label(double[] chroma) {
        if (chroma.length != 12) throw new IllegalArgumentException("chroma needs 12 values, got " + chroma.length);
        double energy = 0;
        for (double v : chroma) energy += v * v;
        if (!(energy > 0)) return Chord.NONE;
        double norm = Math.sqrt(energy);
        double best = -1;
        Chord chord = Chord.NONE;
        for (int[] quality : QUALITIES) {
            double templateNorm = Math.sqrt(quality.length);
            for (int root = 0; root < 12; root++) {
                double dot = 0;
                for (int interval : quality) dot += chroma[(root + interval) % 12];
                double score = dot / (norm * templateNorm);
                if (score > best + 1e-9) {
                    best = score;
                    chord = Chord.of(root, quality, root);
                }
            }
        }
        return chord;
    }

    /**
     * One chord per step for {@code steps} steps from {@code notes} (start and duration in steps), labelled per
     * {@link #SPAN}; a span with nothing sounding keeps the chord before it (or the first labelled one after it, at
     * the start). All {@link Chord#NONE} when nothing sounds at all.
     */
    public static Chord[] perStep(List<GridNote> notes, int from, int steps) {
        int spans = (steps + SPAN - 1) / SPAN;
        double[][] chroma = new double[spans][12];
        for (GridNote n : notes) {
            int start = Math.max(n.start(), from);
            int end = Math.min(n.end(), from + steps);
            for (int t = start; t < end; t++) chroma[(t - from) / SPAN][n.pitch() % 12] += 1;
        }
        Chord[] labels = new Chord[spans];
        for (int s = 0; s < spans; s++) labels[s] = label(chroma[s]);
        fillGaps(labels);
        Chord[] perStep = new Chord[steps];
        for (int t = 0; t < steps; t++) perStep[t] = labels[t / SPAN];
        return perStep;
    }

    /** {@link Chord#NONE} entries take the chord before them, leading ones the first chord after them. */
    public static void fillGaps(Chord[] chords) {
        Chord last = Chord.NONE;
        for (int i = 0; i < chords.length; i++) {
            if (chords[i].isNone()) chords[i] = last;
            else last = chords[i];
        }
        Chord first = Chord.NONE;
        for (int i = chords.length - 1; i >= 0; i--) {
            if (chords[i].isNone()) chords[i] = first;
            else first = chords[i];
        }
    }
}
