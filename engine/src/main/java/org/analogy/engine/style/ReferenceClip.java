package org.analogy.engine.style;

import java.util.Arrays;
import java.util.List;

import org.analogy.engine.accompaniment.PianoRoll;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.repr.GridNote;

/**
 * A reference clip as the transforms use it: two bars (32 steps) of notes from the start of a MIDI file,
 * with the harmony heard in them per half bar. {@code sha256} identifies the file's bytes, so latents
 * computed from a clip are cached against exactly that content.
 *
 * @param drums the clip's General MIDI drums (channel 10) as the groove model reads them, with velocities and
 *              micro-timing; null when the clip has none
 */
public record ReferenceClip(String name, String sha256, List<GridNote> notes, List<Chord> chordPerStep, DrumPattern drums) {

    public static final int STEPS = MelodyTokens.WINDOW_STEPS;

    public ReferenceClip {
        notes = List.copyOf(notes);
        chordPerStep = List.copyOf(chordPerStep);
        if (chordPerStep.size() != STEPS) throw new IllegalArgumentException(name + ": " + chordPerStep.size() + " chord steps, not " + STEPS);
    }

    /** A clip without drums. */
    public ReferenceClip(String name, String sha256, List<GridNote> notes, List<Chord> chordPerStep) {
        this(name, sha256, notes, chordPerStep, null);
    }

    /** True when the clip holds at least one drum hit (a groove reference). */
    public boolean hasDrums() {
        return drums != null && drums.hitCount() > 0;
    }

    /** The top voice as melody tokens: what the melody model encodes. */
    public int[] melodyTokens() {
        return MelodyTokens.encode(notes, 0, STEPS);
    }

    public float[] chroma() {
        return ChordFeatures.chroma(chordPerStep);
    }

    public int[][] pianoRoll() {
        return PianoRoll.durations(notes, 0);
    }

    public Chord[] chords() {
        return chordPerStep.toArray(Chord[]::new);
    }

    @Override
    public String toString() {
        return name + " (" + notes.size() + " notes, " + sha256.substring(0, 8) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceClip r && r.sha256.equals(sha256) && r.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {name, sha256});
    }
}
