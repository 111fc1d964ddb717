package org.analogy.engine.melody;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.analogy.engine.repr.GridNote;

/**
 * The EC2VAE melody vocabulary: one token per 16th step, 130 classes. Tokens 0–127 are the onset of that
 * MIDI pitch, {@link #HOLD} continues the note sounding on the step before, {@link #REST} is silence.
 *
 * <p>Live capture and the POP909 loader both go through {@link #encode}, so a melody played on stage is
 * tokenised exactly like one the model was trained on.
 *
 * <p><b>Top-voice rule.</b> Polyphonic input is reduced to one voice by {@link #topVoice}: only an onset can
 * claim the melody. An onset takes the melody when nothing is sounding in the melody, or when it is at
 * least as high as the melody note still sounding (which is then cut at that onset; equal pitch counts as
 * a re-articulation). An onset below a sustaining melody note is ignored for good, even after the higher
 * note ends, because continuing it would read as the higher note being held.
 *
 * <p><b>Window edges.</b> A melody note that began before the window and still sounds at its first step is
 * written as an onset of its pitch at step 0: a window never starts with {@link #HOLD}, since the model
 * sees a window on its own and a HOLD with nothing before it has no pitch.
 */
public final class MelodyTokens {

    public static final int STEPS_PER_BAR = 16;
    public static final int WINDOW_STEPS = 2 * STEPS_PER_BAR;
    public static final int HOLD = 128;
    public static final int REST = 129;
    public static final int CLASSES = 130;
    /** Velocity given to decoded notes; tokens carry no dynamics. */
    public static final int DEFAULT_VELOCITY = 100;

    /** The EC2VAE rhythm view of a token sequence: 3 classes per step. */
    public static final class Rhythm {
        public static final int ONSET = 0;
        public static final int HOLD = 1;
        public static final int REST = 2;
        public static final int CLASSES = 3;

        private Rhythm() {
        }
    }

    private MelodyTokens() {
    }

    /**
     * Tokenises the top voice of {@code notes} over {@code steps} steps starting at {@code windowStart}
     * (both in steps, in the same origin as the notes' starts).
     */
    public static int[] encode(List<GridNote> notes, int windowStart, int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps " + steps + " must be at least 1");
        int[] tokens = new int[steps];
        java.util.Arrays.fill(tokens, REST);
        int windowEnd = windowStart + steps;
        for (GridNote note : topVoice(notes)) {
            int from = Math.max(note.start(), windowStart);
            int to = Math.min(note.end(), windowEnd);
            if (from >= to) continue;
            tokens[from - windowStart] = note.pitch();
            for (int t = from + 1; t < to; t++) tokens[t - windowStart] = HOLD;
        }
        return tokens;
    }

    /** A 2-bar window: {@code encode(notes, windowStart, WINDOW_STEPS)}. */
    public static int[] encodeWindow(List<GridNote> notes, int windowStart) {
        return encode(notes, windowStart, WINDOW_STEPS);
    }

    /**
     * The monophonic melody of {@code notes} under the top-voice rule described on this class, as
     * non-overlapping notes sorted by start. A note cut by a higher (or re-struck) onset ends there.
     */
    public static List<GridNote> topVoice(List<GridNote> notes) {
        List<GridNote> sorted = new ArrayList<>(notes);
        // Same start: highest first, so the highest of a chord takes the melody and the rest are ignored.
        sorted.sort(Comparator.comparingInt(GridNote::start)
                .thenComparing(Comparator.comparingInt(GridNote::pitch).reversed()));
        List<GridNote> melody = new ArrayList<>();
        GridNote current = null;
        for (GridNote note : sorted) {
            if (current == null || current.end() <= note.start()) {
                if (current != null) melody.add(current);
                current = note;
            } else if (note.start() > current.start() && note.pitch() >= current.pitch()) {
                melody.add(new GridNote(current.pitch(), current.velocity(), current.start(),
                        note.start() - current.start()));
                current = note;
            }
            // Otherwise the onset is below (or simultaneous with) the sounding melody note: not melody.
        }
        if (current != null) melody.add(current);
        return melody;
    }

    /** Notes of a token sequence, starting at step 0, with {@link #DEFAULT_VELOCITY}. */
    public static List<GridNote> decode(int[] tokens) {
        return decode(tokens, DEFAULT_VELOCITY);
    }

    /**
     * Notes of a token sequence, starting at step 0. A {@link #HOLD} with no note before it (at step 0 or
     * after a rest, which a model can produce) is read as a rest: there is no pitch to hold.
     */
    public static List<GridNote> decode(int[] tokens, int velocity) {
        List<GridNote> notes = new ArrayList<>();
        int pitch = -1;
        int start = 0;
        for (int step = 0; step <= tokens.length; step++) {
            int token = step < tokens.length ? checked(tokens, step) : REST;
            if (token == HOLD && pitch >= 0) continue;
            if (pitch >= 0) notes.add(new GridNote(pitch, velocity, start, step - start));
            pitch = token < 128 ? token : -1;
            start = step;
        }
        return notes;
    }

    /** The rhythm classes ({@link Rhythm#ONSET}, {@link Rhythm#HOLD}, {@link Rhythm#REST}) of each token. */
    public static int[] rhythm(int[] tokens) {
        int[] rhythm = new int[tokens.length];
        for (int step = 0; step < tokens.length; step++) {
            int token = checked(tokens, step);
            rhythm[step] = token < 128 ? Rhythm.ONSET : token == HOLD ? Rhythm.HOLD : Rhythm.REST;
        }
        return rhythm;
    }

    /** How many steps carry an onset. */
    public static int onsetCount(int[] tokens) {
        int count = 0;
        for (int token : tokens) if (token >= 0 && token < 128) count++;
        return count;
    }

    private static int checked(int[] tokens, int step) {
        int token = tokens[step];
        if (token < 0 || token >= CLASSES) {
            throw new IllegalArgumentException("token " + token + " at step " + step + " outside 0–" + (CLASSES - 1));
        }
        return token;
    }
}
