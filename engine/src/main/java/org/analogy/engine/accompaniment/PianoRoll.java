package org.analogy.engine.accompaniment;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.repr.GridNote;

/**
 * The Poly-dis accompaniment representation of a 2-bar window: a 32 × 128 matrix, {@code roll[step][pitch]}
 * = 0 when no note starts there, otherwise the duration in steps of the note starting there, capped at
 * {@link #MAX_DURATION}. Durations are not cut at the window end (Poly-dis keeps the written length).
 * Only onsets inside the window count: a note begun earlier belongs to the previous window.
 */
public final class PianoRoll {

    public static final int STEPS = MelodyTokens.WINDOW_STEPS;
    public static final int PITCHES = 128;
    public static final int MAX_DURATION = 32;

    private PianoRoll() {
    }

    /** Onset durations; if two notes of one pitch start on one step, the longer is kept. */
    public static int[][] durations(List<GridNote> notes, int windowStart) {
        int[][] roll = new int[STEPS][PITCHES];
        for (GridNote note : notes) {
            int step = note.start() - windowStart;
            if (step < 0 || step >= STEPS) continue;
            int duration = Math.min(note.duration(), MAX_DURATION);
            roll[step][note.pitch()] = Math.max(roll[step][note.pitch()], duration);
        }
        return roll;
    }

    /** The plain 0/1 onset view of a duration roll. */
    public static int[][] onsets(int[][] durations) {
        int[][] onsets = new int[durations.length][];
        for (int step = 0; step < durations.length; step++) {
            onsets[step] = new int[durations[step].length];
            for (int pitch = 0; pitch < durations[step].length; pitch++) {
                onsets[step][pitch] = durations[step][pitch] > 0 ? 1 : 0;
            }
        }
        return onsets;
    }

    /** Notes of a duration roll, starting at step 0, sorted by start then pitch. */
    public static List<GridNote> toNotes(int[][] durations, int velocity) {
        List<GridNote> notes = new ArrayList<>();
        for (int step = 0; step < durations.length; step++) {
            for (int pitch = 0; pitch < durations[step].length; pitch++) {
                if (durations[step][pitch] > 0) notes.add(new GridNote(pitch, velocity, step, durations[step][pitch]));
            }
        }
        return notes;
    }

    /** How many notes start in the roll. */
    public static int onsetCount(int[][] durations) {
        int count = 0;
        for (int[] row : durations) for (int d : row) if (d > 0) count++;
        return count;
    }
}
