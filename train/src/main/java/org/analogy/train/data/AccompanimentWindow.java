package org.analogy.train.data;

import java.util.Optional;

import org.analogy.engine.accompaniment.PianoRoll;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.repr.Transpose;

/**
 * A 2-bar training example for the accompaniment model (Poly-dis): the {@code chordForm} per beat
 * (8 × 36, see {@link ChordFeatures#chordForm}), the PIANO track as a {@link PianoRoll} of durations
 * (32 × 128), and the melody above it as {@link MelodyTokens}. Arrays are shared: treat them as read-only.
 */
public record AccompanimentWindow(String songId, int startBar, float[] chordForm, int[][] pianoRoll, int[] melodyTokens) {

    public AccompanimentWindow {
        int formSize = ChordFeatures.BEATS_PER_WINDOW * ChordFeatures.CHORD_FORM_SIZE;
        if (chordForm.length != formSize) {
            throw new IllegalArgumentException("chord form needs " + formSize + " values, got " + chordForm.length);
        }
        if (pianoRoll.length != PianoRoll.STEPS || pianoRoll[0].length != PianoRoll.PITCHES) {
            throw new IllegalArgumentException("piano roll must be " + PianoRoll.STEPS + "×" + PianoRoll.PITCHES);
        }
        if (melodyTokens.length != MelodyTokens.WINDOW_STEPS) {
            throw new IllegalArgumentException("melody needs " + MelodyTokens.WINDOW_STEPS + " tokens, got " + melodyTokens.length);
        }
    }

    /** This window moved by {@code semitones}, or empty when a piano or melody pitch would leave 0–127. */
    public Optional<AccompanimentWindow> transposed(int semitones) {
        if (semitones == 0) return Optional.of(this);
        Optional<int[]> melody = Transpose.tokensWithin(melodyTokens, semitones, 0, 127);
        if (melody.isEmpty()) return Optional.empty();
        int[][] roll;
        try {
            roll = Transpose.pianoRoll(pianoRoll, semitones);
        } catch (IllegalArgumentException outOfRange) {
            return Optional.empty();
        }
        return Optional.of(new AccompanimentWindow(songId, startBar, Transpose.chordForm(chordForm, semitones), roll, melody.get()));
    }
}
