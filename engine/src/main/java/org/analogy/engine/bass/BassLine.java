package org.analogy.engine.bass;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A 2-bar bass line written relative to its chords, so the same line plays in any key. Per 16th step one
 * token: {@link #REST}, {@link #HOLD} (the note before goes on), or an onset {@code ONSET + 12·octave +
 * interval}, where interval is the pitch class above the root of the chord in force (0–11) and octave says
 * whether the note lies in the line's lower octave (0: under 12 semitones above the window's lowest note) or
 * above it (1, and anything higher). Onsets carry a velocity 0–1.
 *
 * <p>Reading notes: the lowest of several onsets on one step is the bass note; a note ends at its end or at the
 * next onset. Writing notes ({@link #toNotes}): octave 0 is the lowest pitch of that pitch class at or above the
 * register's low note, octave 1 an octave above it when that still fits under the high note.
 */
public final class BassLine {

    public static final int STEPS = 32;
    public static final int STEPS_PER_BAR = 16;
    public static final int REST = 0;
    public static final int HOLD = 1;
    public static final int ONSET = 2;
    public static final int OCTAVES = 2;
    public static final int TOKENS = ONSET + 12 * OCTAVES;
    /** Encoder input per step: the token one-hot and the onset's velocity. */
    public static final int FEATURES = TOKENS + 1;

    private final int[] tokens;
    private final float[] velocities;

    public BassLine(int[] tokens, float[] velocities) {
        if (tokens.length != STEPS || velocities.length != STEPS) {
            throw new IllegalArgumentException("a bass line has " + STEPS + " steps, got " + tokens.length + " tokens and " + velocities.length + " velocities");
        }
        for (int t : tokens) if (t < 0 || t >= TOKENS) throw new IllegalArgumentException("bass token " + t + " outside 0–" + (TOKENS - 1));
        this.tokens = tokens.clone();
        this.velocities = velocities.clone();
    }

    public static boolean isOnset(int token) {
        return token >= ONSET;
    }

    /** The interval above the chord root (0–11) of an onset token. */
    public static int interval(int token) {
        return (token - ONSET) % 12;
    }

    public static int octave(int token) {
        return (token - ONSET) / 12;
    }

    public static int onsetToken(int interval, int octave) {
        return ONSET + 12 * octave + Math.floorMod(interval, 12);
    }

    /**
     * The line of {@code notes} (start in steps, relative to {@code from}) over the 32 steps from {@code from},
     * against one chord per step of the window; a step with {@link Chord#NONE} measures intervals from C.
     * A note that started before the window and still sounds is a hold from step 0.
     */
    public static BassLine of(List<GridNote> notes, int from, Chord[] chordPerStep) {
        if (chordPerStep.length != STEPS) throw new IllegalArgumentException("need " + STEPS + " chords, one per step, got " + chordPerStep.length);
        GridNote[] onsetAt = new GridNote[STEPS];
        int lowest = Integer.MAX_VALUE;
        int soundingUntil = -1;   // end of a note that began before the window
        for (GridNote n : notes) {
            int step = n.start() - from;
            if (step < 0) {
                if (n.end() - from > 0) soundingUntil = Math.max(soundingUntil, n.end() - from);
                continue;
            }
            if (step >= STEPS) continue;
            if (onsetAt[step] == null || n.pitch() < onsetAt[step].pitch()) onsetAt[step] = n;
        }
        for (GridNote n : onsetAt) if (n != null) lowest = Math.min(lowest, n.pitch());
        int[] tokens = new int[STEPS];
        float[] velocities = new float[STEPS];
        int end = soundingUntil;
        for (int t = 0; t < STEPS; t++) {
            GridNote n = onsetAt[t];
            if (n != null) {
                int root = Math.max(0, chordPerStep[t].root());
                tokens[t] = onsetToken(n.pitch() - root, n.pitch() - lowest >= 12 ? 1 : 0);
                velocities[t] = n.velocity() / 127f;
                end = n.end() - from;
            } else {
                tokens[t] = t < end ? HOLD : REST;
            }
        }
        return new BassLine(tokens, velocities);
    }

    public int token(int step) {
        return tokens[step];
    }

    public float velocity(int step) {
        return velocities[step];
    }

    public int[] tokens() {
        return tokens.clone();
    }

    public int onsetCount() {
        int n = 0;
        for (int t : tokens) if (isOnset(t)) n++;
        return n;
    }

    /** Encoder input, {@code [32][FEATURES]} row-major at {@code offset}: the token one-hot, then the velocity. */
    public void writeFeatures(float[] out, int offset) {
        for (int t = 0; t < STEPS; t++) {
            int row = offset + t * FEATURES;
            Arrays.fill(out, row, row + FEATURES, 0f);
            out[row + tokens[t]] = 1f;
            out[row + TOKENS] = isOnset(tokens[t]) ? velocities[t] : 0f;
        }
    }

    /**
     * The decoder's raw outputs ({@code [32][TOKENS + 1]} at {@code offset}: token logits, velocity logit) as a
     * line: the most likely token per step (a hold with nothing to hold becomes a rest), velocity sigmoid.
     */
    public static BassLine ofDecoderOutputs(float[] outputs, int offset) {
        return ofDecoderOutputs(outputs, offset, null, 0f);
    }

    /**
     * The same with a chord-tone prior: {@code chordToneBias} is added to the logit of every onset whose interval is
     * a tone of the step's chord in {@code chordPerStep} before the argmax (0 or null chords: the plain argmax). It
     * shifts doubtful onsets (a passing tone almost as likely as a chord tone) onto the chord; a line the model is
     * sure of keeps its passing tones.
     */
    public static BassLine ofDecoderOutputs(float[] outputs, int offset, Chord[] chordPerStep, float chordToneBias) {
        if (chordPerStep != null && chordPerStep.length != STEPS) {
            throw new IllegalArgumentException("need " + STEPS + " chords, one per step, got " + chordPerStep.length);
        }
        int width = TOKENS + 1;
        int[] tokens = new int[STEPS];
        float[] velocities = new float[STEPS];
        boolean sounding = false;
        for (int t = 0; t < STEPS; t++) {
            int row = offset + t * width;
            int best = 0;
            float bestLogit = outputs[row];
            Chord chord = chordPerStep == null ? Chord.NONE : chordPerStep[t];
            for (int k = 1; k < TOKENS; k++) {
                float logit = outputs[row + k];
                if (k >= ONSET && chordToneBias != 0f && !chord.isNone() && chord.contains(chord.root() + interval(k))) logit += chordToneBias;
                if (logit > bestLogit) {
                    best = k;
                    bestLogit = logit;
                }
            }
            if (best == HOLD && !sounding) best = REST;
            tokens[t] = best;
            sounding = best != REST;
            velocities[t] = isOnset(best) ? (float) (1.0 / (1.0 + Math.exp(-outputs[row + TOKENS]))) : 0f;
        }
        return new BassLine(tokens, velocities);
    }

    /**
     * The line as notes in {@code [low, high]} (MIDI pitches, at least an octave apart) under one chord per step;
     * velocities 1–127. A step whose chord is {@link Chord#NONE} takes its root as C.
     */
    public List<GridNote> toNotes(Chord[] chordPerStep, int low, int high) {
        if (chordPerStep.length != STEPS) throw new IllegalArgumentException("need " + STEPS + " chords, one per step, got " + chordPerStep.length);
        if (low < 0 || high > 127 || high - low < 11) {
            throw new IllegalArgumentException("bass register " + low + "–" + high + ": give MIDI pitches 0–127 at least an octave apart");
        }
        List<GridNote> notes = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            if (!isOnset(tokens[t])) continue;
            int length = 1;
            while (t + length < STEPS && tokens[t + length] == HOLD) length++;
            int root = Math.max(0, chordPerStep[t].root());
            int pitchClass = (root + interval(tokens[t])) % 12;
            int pitch = low + Math.floorMod(pitchClass - low, 12);
            if (octave(tokens[t]) == 1 && pitch + 12 <= high) pitch += 12;
            int velocity = Math.max(1, Math.min(127, Math.round(velocities[t] * 127f)));
            notes.add(new GridNote(pitch, velocity, t, length));
        }
        return notes;
    }
}
