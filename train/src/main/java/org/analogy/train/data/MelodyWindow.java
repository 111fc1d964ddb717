package org.analogy.train.data;

import java.util.Optional;

import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.repr.Transpose;

/**
 * A 2-bar training example for the melody model: {@code tokens} (32 {@link MelodyTokens} of the MELODY
 * track) and the chord {@code chroma} per step (32 × 12, row-major). {@code startBar} indexes
 * {@link Pop909Song#bars()}. Arrays are shared, not copied: treat them as read-only.
 */
public record MelodyWindow(String songId, int startBar, int[] tokens, float[] chroma) {

    public MelodyWindow {
        if (tokens.length != MelodyTokens.WINDOW_STEPS) {
            throw new IllegalArgumentException("melody window needs " + MelodyTokens.WINDOW_STEPS + " tokens, got " + tokens.length);
        }
        if (chroma.length != MelodyTokens.WINDOW_STEPS * 12) {
            throw new IllegalArgumentException("melody window needs " + MelodyTokens.WINDOW_STEPS * 12 + " chroma values, got " + chroma.length);
        }
    }

    /**
     * This window moved by {@code semitones} (melody and chords), or empty when a melody pitch would leave
     * the training band {@link Transpose#MELODY_LOW}–{@link Transpose#MELODY_HIGH}. Zero always succeeds.
     */
    public Optional<MelodyWindow> transposed(int semitones) {
        if (semitones == 0) return Optional.of(this);
        return Transpose.melodyTokens(tokens, semitones)
                .map(moved -> new MelodyWindow(songId, startBar, moved, Transpose.chroma(chroma, semitones)));
    }

    public int[] rhythm() {
        return MelodyTokens.rhythm(tokens);
    }
}
