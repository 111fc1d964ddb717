package org.analogy.engine.chords;

import java.util.List;

import org.analogy.engine.repr.GridNote;

/**
 * What the next-bar chord predictor reads per bar and what it answers, shared by training and the engine.
 *
 * <p>Input per 4/4 bar ({@value #BAR_FEATURES} floats): the melody's pitch-class profile (each note's
 * sounding length inside the bar, normalised to sum 1; all 0 when the bar has no melody), a "melody present"
 * flag, then the bar's chords as 4 beats × 36-d chord form ({@link ChordFeatures#chordForm}).
 *
 * <p>Output per bar: for each of the next bar's 4 beats a root class ({@value #ROOT_CLASSES}: C…B, then
 * "no chord") and 12 chroma logits.
 */
public final class PredictorFeatures {

    public static final int STEPS_PER_BAR = 16;
    public static final int BEATS_PER_BAR = 4;
    public static final int MELODY_FEATURES = 13;
    public static final int BAR_FEATURES = MELODY_FEATURES + BEATS_PER_BAR * ChordFeatures.CHORD_FORM_SIZE;
    public static final int ROOT_CLASSES = 13;
    public static final int NO_CHORD = 12;

    private PredictorFeatures() {
    }

    /**
     * Writes one bar's features into {@code out[offset ..]}: melody notes with {@code start} relative to the
     * bar's first step (notes outside the bar are ignored, notes running past it count up to its end), and
     * the chord at each of the bar's 4 beats.
     */
    public static void bar(List<GridNote> melody, List<Chord> chordPerBeat, float[] out, int offset) {
        if (chordPerBeat.size() != BEATS_PER_BAR) {
            throw new IllegalArgumentException("a bar needs " + BEATS_PER_BAR + " beat chords, got " + chordPerBeat.size());
        }
        java.util.Arrays.fill(out, offset, offset + BAR_FEATURES, 0f);
        float total = 0;
        for (GridNote note : melody) {
            int from = Math.max(0, note.start());
            int to = Math.min(STEPS_PER_BAR, note.start() + note.duration());
            if (to <= from) continue;
            out[offset + note.pitch() % 12] += to - from;
            total += to - from;
        }
        if (total > 0) {
            for (int pc = 0; pc < 12; pc++) out[offset + pc] /= total;
            out[offset + 12] = 1f;
        }
        float[] form = ChordFeatures.chordForm(chordPerBeat);
        System.arraycopy(form, 0, out, offset + MELODY_FEATURES, form.length);
    }

    /**
     * A chord to play on one beat, read off its outputs: unlike {@link #chord}, never "no chord" and never less
     * than a triad. An accompaniment asked to play the next bar must play something, and a chord it fed back
     * as "none" (the model was trained on annotations, where bars without a chord are intros and endings) would
     * keep the predictor there. The best real root; the third and fifth its chroma logits favour (minor or
     * major; diminished, perfect or augmented); and every further pitch class whose logit is above 0.
     */
    public static Chord playableChord(float[] rootLogits, int rootOffset, float[] chromaLogits, int chromaOffset) {
        int root = 0; // NO_CHORD is the last class
        for (int c = 0; c < ROOT_CLASSES; c++) {
            if (c != NO_CHORD && rootLogits[rootOffset + c] > rootLogits[rootOffset + root]) root = c;
        }
        int third = strongest(chromaLogits, chromaOffset, root, 3, 4);
        int fifth = strongest(chromaLogits, chromaOffset, root, 7, 6, 8);
        int mask = 1 << root | 1 << third | 1 << fifth;
        for (int pc = 0; pc < 12; pc++) if (chromaLogits[chromaOffset + pc] > 0f) mask |= 1 << pc;
        return new Chord(root, mask, root);
    }

    /** Of the intervals above {@code root}, the pitch class with the highest logit (the first on a tie). */
    private static int strongest(float[] chromaLogits, int offset, int root, int... intervals) {
        int best = (root + intervals[0]) % 12;
        for (int interval : intervals) {
            int pc = (root + interval) % 12;
            if (chromaLogits[offset + pc] > chromaLogits[offset + best]) best = pc;
        }
        return best;
    }

    /** The root class of a chord: its root, or {@link #NO_CHORD}. */
    public static int rootClass(Chord chord) {
        return chord.isNone() ? NO_CHORD : chord.root();
    }

    /**
     * A chord read off one beat's outputs: the arg-max root class, and the pitch classes whose chroma logit is
     * above 0 (the root is always included). {@link Chord#NONE} when "no chord" wins or no pitch class is on.
     */
    public static Chord chord(float[] rootLogits, int rootOffset, float[] chromaLogits, int chromaOffset) {
        int best = 0;
        for (int c = 1; c < ROOT_CLASSES; c++) if (rootLogits[rootOffset + c] > rootLogits[rootOffset + best]) best = c;
        if (best == NO_CHORD) return Chord.NONE;
        int mask = 1 << best;
        for (int pc = 0; pc < 12; pc++) if (chromaLogits[chromaOffset + pc] > 0f) mask |= 1 << pc;
        return new Chord(best, mask, best);
    }
}
