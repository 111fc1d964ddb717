package org.analogy.engine.repr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.melody.MelodyTokens;

/**
 * Transposition of every representation by semitones, for key augmentation in training and for the
 * performer's transpose control.
 *
 * <p>A strict transposition ({@link #tokens}, {@link #notes}) refuses to leave MIDI's 0–127. Training uses
 * the melody band {@link #MELODY_LOW}–{@link #MELODY_HIGH} (C3–B6, four octaves): POP909's vocal lines sit
 * almost entirely inside it, so an augmentation that pushes a melody out of it would teach the model pitches
 * no singer in the data produces. The band is a training choice; live input is never rejected for it.
 */
public final class Transpose {

    public static final int MELODY_LOW = 48;
    public static final int MELODY_HIGH = 95;

    private Transpose() {
    }

    /** Melody tokens moved by {@code semitones}; HOLD and REST stay. Throws if a pitch leaves 0–127. */
    public static int[] tokens(int[] tokens, int semitones) {
        return tokensWithin(tokens, semitones, 0, 127).orElseThrow(() -> new IllegalArgumentException(
                "transposing by " + semitones + " moves a pitch outside 0–127"));
    }

    /** Melody tokens moved by {@code semitones}, or empty if a pitch would leave the training band. */
    public static Optional<int[]> melodyTokens(int[] tokens, int semitones) {
        return tokensWithin(tokens, semitones, MELODY_LOW, MELODY_HIGH);
    }

    /** Melody tokens moved by {@code semitones}, or empty if a pitch would leave {@code low}–{@code high}. */
    public static Optional<int[]> tokensWithin(int[] tokens, int semitones, int low, int high) {
        int[] moved = new int[tokens.length];
        for (int step = 0; step < tokens.length; step++) {
            int token = tokens[step];
            if (token < 0 || token >= MelodyTokens.CLASSES) {
                throw new IllegalArgumentException("token " + token + " at step " + step + " is not a melody token");
            }
            if (token < 128) {
                token += semitones;
                if (token < low || token > high) return Optional.empty();
            }
            moved[step] = token;
        }
        return Optional.of(moved);
    }

    /** Notes moved by {@code semitones}. Throws if a pitch leaves 0–127. */
    public static List<GridNote> notes(List<GridNote> notes, int semitones) {
        List<GridNote> moved = new ArrayList<>(notes.size());
        for (GridNote note : notes) {
            int pitch = note.pitch() + semitones;
            if (pitch < 0 || pitch > 127) {
                throw new IllegalArgumentException("transposing " + note + " by " + semitones + " leaves 0–127");
            }
            moved.add(new GridNote(pitch, note.velocity(), note.start(), note.duration()));
        }
        return moved;
    }

    public static Chord chord(Chord chord, int semitones) {
        return chord.transposed(semitones);
    }

    public static List<Chord> chords(List<Chord> chords, int semitones) {
        List<Chord> moved = new ArrayList<>(chords.size());
        for (Chord chord : chords) moved.add(chord.transposed(semitones));
        return moved;
    }

    /** A row-major chroma ({@code [step * 12 + pc]}) rotated by {@code semitones}. */
    public static float[] chroma(float[] chroma, int semitones) {
        return rotateBlocks(chroma, semitones, 12, 12);
    }

    /** A 36-d chord form per beat rotated by {@code semitones}: root, chroma and bass each rotate. */
    public static float[] chordForm(float[] chordForm, int semitones) {
        return rotateBlocks(chordForm, semitones, 12, ChordFeatures.CHORD_FORM_SIZE);
    }

    /** A duration piano roll moved by {@code semitones}. Throws if an onset leaves 0–127. */
    public static int[][] pianoRoll(int[][] roll, int semitones) {
        int[][] moved = new int[roll.length][];
        for (int step = 0; step < roll.length; step++) {
            moved[step] = new int[roll[step].length];
            for (int pitch = 0; pitch < roll[step].length; pitch++) {
                if (roll[step][pitch] == 0) continue;
                int target = pitch + semitones;
                if (target < 0 || target >= roll[step].length) {
                    throw new IllegalArgumentException("transposing pitch " + pitch + " by " + semitones + " leaves 0–127");
                }
                moved[step][target] = roll[step][pitch];
            }
        }
        return moved;
    }

    /** Rotates each 12-wide block inside each {@code rowSize}-wide row. */
    private static float[] rotateBlocks(float[] values, int semitones, int block, int rowSize) {
        if (values.length % rowSize != 0) {
            throw new IllegalArgumentException(values.length + " values is not a whole number of " + rowSize + "-wide rows");
        }
        float[] rotated = new float[values.length];
        int shift = Math.floorMod(semitones, block);
        for (int start = 0; start < values.length; start += block) {
            for (int i = 0; i < block; i++) rotated[start + (i + shift) % block] = values[start + i];
        }
        return rotated;
    }
}
